"""serving/action_health.py: after a failure the action server is not called for a while."""

from serving.action_health import ActionServerHealth


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_calls_are_allowed_until_a_failure_then_again_after_the_wait():
    clock = Clock()
    health = ActionServerHealth(retry_after=15, clock=clock)
    assert health.may_call()
    health.unreachable()
    clock.now += 14.9
    assert not health.may_call()
    clock.now += 0.1
    assert health.may_call()


def test_a_success_clears_the_failure():
    clock = Clock()
    health = ActionServerHealth(retry_after=15, clock=clock)
    health.unreachable()
    health.reached()
    assert health.may_call()


def test_no_wait_means_every_call_is_tried():
    health = ActionServerHealth(retry_after=0, clock=Clock())
    health.unreachable()
    assert health.may_call()
