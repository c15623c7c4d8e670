"""The report page (reports/page.py): escaped texts, stable ids, every level, inline charts only."""

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

from clinical.triage_engine import default_spec
from reports.page import render_report
from reports.period import Period
from reports.records import conversations_from_events
from reports.summary import summarise
from tests.unit.report_events import Events

PERIOD = Period(date(2026, 3, 4), date(2026, 3, 11))


class Elements(HTMLParser):
    """Every start tag's attributes, and the document's text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def find(self, **wanted) -> list[dict]:
        return [a for _, a in self.tags if all(a.get(k.replace("_", "-")) == v for k, v in wanted.items())]


def page_for(*senders: Events) -> str:
    conversations = [c for s in senders for c in conversations_from_events(s.events)]
    summary = summarise(conversations, PERIOD)
    return render_report(summary, default_spec(), datetime(2026, 3, 11, 12, 0, tzinfo=UTC))


def test_counts_are_findable_by_id_and_data_attributes():
    out_of_scope = Events().session()
    out_of_scope.user("what is the capital of france", "out_of_scope", 1.0).utter(
        "utter_out_of_scope"
    ).listen()
    check = Events().session().start_check().answer("chest_breathing", "no", "leg_circulation").stop_check()
    emergency = Events().session().emergency()
    page = Elements(page_for(out_of_scope, check, emergency))
    assert page.find(id="total-conversations")[0]["data-count"] == "3"
    assert page.find(id="emergencies-outside-check")[0]["data-count"] == "1"
    assert page.find(data_message="what is the capital of france")[0]["data-count"] == "1"
    assert page.find(id="out-of-scope")[0]["data-count"] == "1"
    assert page.find(data_question="leg_circulation")[0]["data-stopped"] == "1"
    assert page.find(data_ending="stopped")[0]["data-count"] == "1"
    assert page.find(data_topic="red-flag check (started)")[0]["data-count"] == "1"


def test_every_level_of_the_check_has_a_row_even_at_zero():
    page = Elements(
        page_for(Events().session().start_check().answer("chest_breathing", "no", None).outcome("self_care"))
    )
    rows = {a["data-level"]: a["data-count"] for a in page.find() if "data-level" in a}
    assert rows == {
        "emergency": "0",
        "urgent/in_person": "0",
        "urgent/today": "0",
        "urgent/within_days": "0",
        "see_doctor": "0",
        "self_care": "1",
    }


def test_message_texts_are_escaped_and_the_health_warning_is_shown():
    events = Events().session()
    events.user("<script>alert(1)</script> my knee", "out_of_scope").utter("utter_out_of_scope").listen()
    html = page_for(events)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; my knee" in html
    page = Elements(html)
    warning = page.find(id="health-information-warning")
    assert warning and "This page holds health information." in "".join(page.text)


def test_the_page_is_self_contained():
    html = page_for(Events().session().user("hello", "greet").utter("utter_greet").listen())
    sources = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert sources and all(source.startswith("data:image/png;base64,") for source in sources)
    assert "<link" not in html and "<script" not in html


def test_low_confidence_messages_are_listed_once_with_their_lowest_confidence_and_count():
    events = Events().session()
    for confidence in (0.6, 0.55, 0.65):
        events.user("Stretches?", "faq", confidence, topic="faq/stretching").utter(
            "utter_faq/stretching"
        ).listen()
    events.user("is it bad", "faq", 0.62, topic="faq/when_to_see_doctor").utter(
        "utter_faq/when_to_see_doctor"
    ).listen()
    page = Elements(page_for(events))
    rows = [
        (a["data-message"], a["data-intent"], a["data-confidence"], a["data-count"])
        for a in page.find()
        if "data-low-confidence" in a
    ]
    assert rows == [
        ("Stretches?", "faq/stretching", "0.550", "3"),
        ("is it bad", "faq/when_to_see_doctor", "0.620", "1"),
    ]
    assert page.find(id="low-confidence")[0]["data-count"] == "4"


def test_topics_asked_as_often_are_listed_by_name_whatever_the_stores_order():
    def asked(text: str, topic: str) -> Events:
        events = Events().session()
        events.user(text, "faq", topic=topic).utter(f"utter_{topic}").listen()
        return events

    anatomy, first_days = (
        asked("what is the hamstring", "faq/anatomy"),
        asked("ice or heat", "faq/first_days_care"),
    )
    one_way, other_way = page_for(anatomy, first_days), page_for(first_days, anatomy)
    topics = [a["data-topic"] for a in Elements(one_way).find() if "data-topic" in a]
    assert topics == ["faq/anatomy", "faq/first_days_care"]
    assert [a for a in Elements(one_way).find() if "data-topic" in a] == [
        a for a in Elements(other_way).find() if "data-topic" in a
    ]
