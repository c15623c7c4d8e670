"""NLU benchmark on the held-out test set (tests/nlu/), which training never sees.

Prints and saves:
- `rasa test nlu` on tests/nlu: intent macro-F1, out-of-scope recall, response-selector macro-F1;
- emergency detection with the same rule the EmergencyPolicy uses (clinical.emergency): recall
  on the held-out emergency phrasings, and false emergencies on every other held-out message;
- the FallbackClassifier threshold sweep used to choose config.yml's threshold;
- urgent-level signs typed out of the blue (tests/nlu_urgent/): how many reach the red-flag
  check or the emergency message instead of an answer, "out of scope" or "please rephrase";
- near misses of the Revision 2 emergency signs (tests/nlu_not_emergency/): how many would get
  the emergency message although they report no emergency.

Usage: python scripts/nlu_benchmark.py --model models/hamstring.tar.gz --out .test-results/nlu [--check]
With --check it exits 1 when a target is missed (macro-F1 >= 0.95, out-of-scope recall >= 0.90,
emergency recall 1.0).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from clinical.emergency import (  # noqa: E402
    EMERGENCY_INTENT,
    has_warning_sign,
    is_emergency,
    story_may_be_serious,
)

TEST_SET = ROOT / "tests" / "nlu"
URGENT_SET = ROOT / "tests" / "nlu_urgent"
NEAR_MISSES = ROOT / "tests" / "nlu_not_emergency" / "near_misses.yml"
ROUTES_TO_CARE = {"start_triage", EMERGENCY_INTENT}
TARGETS = {"intent_macro_f1": 0.95, "out_of_scope_recall": 0.90, "emergency_recall": 1.0}
THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
EMERGENCY_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.01]  # 1.01: the entity alone


def run_rasa_test_nlu(model: Path, held_out: Path, out: Path) -> dict:
    subprocess.run(
        [
            str(ROOT / ".venv/bin/rasa"),
            "test",
            "nlu",
            "--model",
            str(model),
            "--nlu",
            str(held_out),
            "--out",
            str(out),
            "--quiet",
        ],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    intents = json.loads((out / "intent_report.json").read_text())
    responses = json.loads((out / "response_selection_report.json").read_text())
    return {
        "intent_macro_f1": intents["macro avg"]["f1-score"],
        "intent_accuracy": intents.get("accuracy", intents.get("micro avg", {}).get("f1-score")),
        "out_of_scope_recall": intents["out_of_scope"]["recall"],
        "report_emergency_intent_recall": intents[EMERGENCY_INTENT]["recall"],
        "response_selection_macro_f1": responses["macro avg"]["f1-score"],
        "held_out_messages": intents["macro avg"]["support"],
    }


async def parse_held_out(model: Path, *held_out: Path) -> list[list[tuple[str, str, dict]]]:
    """Each held-out folder's messages with their gold intent and the model's parse, then the near misses."""
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # no per-message debug lines
    from rasa.shared.nlu.training_data.loading import load_data

    agent = Agent.load(str(model))
    parsed = []
    for folder in held_out:
        examples = load_data(str(folder)).intent_examples
        parsed.append(
            [(m.get("text"), m.get("intent"), await agent.parse_message(m.get("text"))) for m in examples]
        )
    # The near misses are plain messages (no intent label): parsed the same way.
    texts = yaml.safe_load(NEAR_MISSES.read_text(encoding="utf-8"))["messages"]
    parsed.append([(text, None, await agent.parse_message(text)) for text in texts])
    return parsed


def urgent_routing(parsed: list[tuple[str, str, dict]]) -> dict:
    """Urgent signs must reach the check (or the emergency message), never an answer or a menu.

    The check starts on its intent, or on a warning sign entity whatever the intent (the
    WarningSignPolicy); the emergency message on the emergency rule.
    """
    missed = [
        (text, p["intent"]["name"])
        for text, _, p in parsed
        if not (p["intent"]["name"] in ROUTES_TO_CARE or is_emergency(p) or has_warning_sign(p))
    ]
    return {
        "urgent_signs": len(parsed),
        "urgent_signs_routed_to_care": len(parsed) - len(missed),
        "urgent_signs_missed": missed,
    }


def emergency_and_fallback(parsed: list[tuple[str, str, dict]]) -> dict:
    emergencies = [(t, p) for t, intent, p in parsed if intent == EMERGENCY_INTENT]
    others = [(t, intent, p) for t, intent, p in parsed if intent != EMERGENCY_INTENT]
    missed = [t for t, p in emergencies if not is_emergency(p)]
    # Not "call now", but the emergency signs with the number, then the check (clinical.emergency).
    missed_to_check = [t for t, p in emergencies if not is_emergency(p) and story_may_be_serious(p)]
    false_alarms = [t for t, _, p in others if is_emergency(p)]
    faq_false_alarms = [t for t, intent, p in others if intent == "faq" and is_emergency(p)]

    def top(p: dict) -> tuple[str, float]:
        ranking = [r for r in p["intent_ranking"] if r["name"] != "nlu_fallback"]
        return ranking[0]["name"], ranking[0]["confidence"]

    sweep = []
    in_scope = [(intent, top(p)) for _, intent, p in parsed if intent != "out_of_scope"]
    for threshold in THRESHOLDS:
        fallback = [(gold, pred) for gold, (pred, conf) in in_scope if conf < threshold]
        sweep.append(
            {
                "threshold": threshold,
                "in_scope_sent_to_fallback": len(fallback),
                "of_which_were_correct": sum(gold == pred for gold, pred in fallback),
                "wrong_answers_avoided": sum(gold != pred for gold, pred in fallback),
            }
        )
    emergency_sweep = [
        {
            "intent_threshold": threshold,
            "caught": sum(is_emergency(p, threshold) for _, p in emergencies),
            "false_alarms": sum(is_emergency(p, threshold) for _, _, p in others),
        }
        for threshold in EMERGENCY_THRESHOLDS
    ]
    return {
        "emergency_threshold_sweep": emergency_sweep,
        "emergency_phrasings": len(emergencies),
        "emergency_caught": len(emergencies) - len(missed),
        "emergency_recall": (len(emergencies) - len(missed)) / len(emergencies),
        "emergencies_missed": missed,
        "emergencies_missed_sent_to_the_check_with_the_number": missed_to_check,
        "false_emergencies_all_other_held_out": len(false_alarms),
        "false_emergencies_knowledge_questions": len(faq_false_alarms),
        "knowledge_questions": sum(1 for _, intent, _ in others if intent == "faq"),
        "false_emergency_texts": false_alarms,
        "fallback_threshold_sweep": sweep,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=ROOT / "models/hamstring.tar.gz")
    parser.add_argument("--out", type=Path, default=ROOT / ".test-results/nlu")
    parser.add_argument("--nlu", type=Path, default=TEST_SET, help="held-out folder (default tests/nlu)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    summary = run_rasa_test_nlu(args.model, args.nlu, args.out)
    held_out, urgent, near_misses = asyncio.run(parse_held_out(args.model, args.nlu, URGENT_SET))
    summary.update(emergency_and_fallback(held_out))
    summary.update(urgent_routing(urgent))
    summary["near_misses"] = len(near_misses)
    summary["near_miss_false_emergencies"] = [text for text, _, p in near_misses if is_emergency(p)]
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2))

    print(f"NLU benchmark on {summary['held_out_messages']} held-out messages ({args.nlu})")
    print(f"  intent macro-F1             {summary['intent_macro_f1']:.3f}  (target >= 0.95)")
    print(f"  intent accuracy             {summary['intent_accuracy']:.3f}")
    print(f"  out-of-scope recall         {summary['out_of_scope_recall']:.3f}  (target >= 0.90)")
    print(f"  FAQ topic (ResponseSelector) macro-F1  {summary['response_selection_macro_f1']:.3f}")
    print(
        f"  emergencies caught          {summary['emergency_caught']}/{summary['emergency_phrasings']}"
        f"  recall {summary['emergency_recall']:.3f}  (target 1.0)"
    )
    print(
        f"  false emergencies           {summary['false_emergencies_knowledge_questions']} of "
        f"{summary['knowledge_questions']} knowledge questions, "
        f"{summary['false_emergencies_all_other_held_out']} of all other held-out messages"
    )
    to_check = set(summary["emergencies_missed_sent_to_the_check_with_the_number"])
    for text in summary["emergencies_missed"]:
        route = " (a story: the emergency signs with the number, then the check)" if text in to_check else ""
        print(f"    MISSED emergency{route}: {text}")
    for text in summary["false_emergency_texts"]:
        print(f"    false emergency: {text}")
    print(
        f"  urgent signs to the check   {summary['urgent_signs_routed_to_care']}/{summary['urgent_signs']}"
        f"  ({URGENT_SET.relative_to(ROOT)}: the check or the emergency message, not an answer)"
    )
    for text, intent in summary["urgent_signs_missed"]:
        print(f"    urgent sign sent to {intent}: {text}")
    print(
        f"  near misses (no emergency)  {len(summary['near_miss_false_emergencies'])} of "
        f"{summary['near_misses']} got the emergency message ({NEAR_MISSES.relative_to(ROOT)})"
    )
    for text in summary["near_miss_false_emergencies"]:
        print(f"    near miss taken as an emergency: {text}")
    print("  Emergency rule by report_emergency confidence threshold (1.01 = emergency_sign entity only):")
    others = summary["held_out_messages"] - summary["emergency_phrasings"]
    for row in summary["emergency_threshold_sweep"]:
        print(
            f"    {row['intent_threshold']:.2f}: caught {row['caught']}/{summary['emergency_phrasings']}, "
            f"false alarms {row['false_alarms']} of {others}"
        )
    print("  FallbackClassifier threshold sweep (in-scope held-out messages below the threshold):")
    for row in summary["fallback_threshold_sweep"]:
        print(
            f"    {row['threshold']:.1f}: {row['in_scope_sent_to_fallback']:3d} to fallback "
            f"({row['of_which_were_correct']} would have been right, "
            f"{row['wrong_answers_avoided']} wrong answers avoided)"
        )
    missed = [k for k, target in TARGETS.items() if summary[k] < target]
    if missed:
        print(f"  below target: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
