"""A yes after an answer that offered the symptom check starts it (actions/offers.py)."""

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.constants import CHECK_OFFER_PAYLOAD, OFFER_ACCEPTED_SLOT
from actions.offers import ActionAnswerOffer, last_bot_offered_check
from tests.unit.conftest import create_tracker

OFFER = {
    "event": "bot",
    "text": "...",
    "data": {"buttons": [{"title": "Check my symptoms", "payload": CHECK_OFFER_PAYLOAD}]},
}
NO_OFFER = {"event": "bot", "text": "The hamstring is three muscles...", "data": {"buttons": []}}


def events(*bot_turn):
    return [{"event": "user", "text": "question"}, *bot_turn, {"event": "user", "text": "yes"}]


def test_a_yes_after_an_offer_accepts_it():
    assert last_bot_offered_check(events(OFFER))


def test_the_offer_may_be_any_message_of_the_last_reply():
    assert last_bot_offered_check(events(OFFER, NO_OFFER))


def test_a_yes_after_an_answer_without_an_offer_accepts_nothing():
    assert not last_bot_offered_check(events(NO_OFFER))


def test_an_older_offer_does_not_count():
    older = [{"event": "user", "text": "hi"}, OFFER, *events(NO_OFFER)]
    assert not last_bot_offered_check(older)


async def test_action_sets_the_slot_and_asks_again_when_nothing_was_offered():
    tracker = create_tracker(text="yes", intent="affirm", active_loop=None)
    tracker.events = events(NO_OFFER)
    dispatcher = CollectingDispatcher()
    result = await ActionAnswerOffer().run(dispatcher, tracker, {})
    assert result == [SlotSet(OFFER_ACCEPTED_SLOT, False)]
    assert [m["response"] for m in dispatcher.messages] == ["utter_default"]


async def test_action_accepts_an_offer_silently():
    tracker = create_tracker(text="go on then", intent="affirm", active_loop=None)
    tracker.events = events(OFFER)
    dispatcher = CollectingDispatcher()
    assert await ActionAnswerOffer().run(dispatcher, tracker, {}) == [SlotSet(OFFER_ACCEPTED_SLOT, True)]
    assert dispatcher.messages == []
