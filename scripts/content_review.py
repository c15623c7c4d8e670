#!/usr/bin/env python3
"""The content review from the command line (thin: the logic is in content_review/).

  build   write the HTML document, its PDF and a PNG of its first page; print their paths
  check   warn when the current content is not the last one signed off (exit 1 with --strict)
  sign    record a clinician's sign-off of the fingerprint shown in the document they reviewed

The deployment's values (EMERGENCY_NUMBER, URGENT_CARE, ...) come from the environment, then the
git-ignored .env, as for `make run`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dotenv import dotenv_values  # noqa: E402

from content_review import chromium  # noqa: E402
from content_review.collect import collect  # noqa: E402
from content_review.fingerprint import fingerprint  # noqa: E402
from content_review.render import render_html  # noqa: E402
from content_review.signoff import SignoffError, add_signoff, status  # noqa: E402

SIGNOFF_FILE = ROOT / "docs" / "content-signoff.yml"
ARTICLE = ROOT.parent / "shared" / "source" / "article.md"
OUT = ROOT / ".test-results" / "content-review"


def deployment_environment() -> dict[str, str]:
    """.env first, the environment over it: a variable already set wins, as in `make run`."""
    file_values = dotenv_values(ROOT / ".env") if (ROOT / ".env").is_file() else {}
    return {**{k: v for k, v in file_values.items() if v is not None}, **os.environ}


def _shown(path: Path) -> str:
    """The path as the document names it: relative to the repository when inside it."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def build(args: argparse.Namespace) -> int:
    content = collect(ROOT, deployment_environment(), args.article)
    current = fingerprint(content)
    try:
        signoff = status(args.signoff_file, current)
    except SignoffError as error:
        print(f"The sign-off file cannot be read: {error}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    html = args.out / "content-review.html"
    html.write_text(render_html(content, current, signoff, _shown(args.signoff_file)), encoding="utf-8")
    print(f"HTML:        {html}")
    if not args.no_pdf:
        try:
            pdf = chromium.print_pdf(html, args.out / "content-review.pdf")
        except chromium.ChromiumMissing as missing:
            print(f"No PDF: {missing}", file=sys.stderr)
            return 1
        print(f"PDF:         {pdf}")
        try:
            png = chromium.pdf_first_page(pdf, args.out / "content-review-pdf-page-1.png")
        except chromium.ChromiumMissing:  # no chromedriver: the HTML's first screen instead
            png = chromium.screenshot(html, args.out / "content-review-first-screen.png")
        print(f"Screenshot:  {png}")
    print(f"Fingerprint: {current}")
    if not signoff.signed:
        print(f"WARNING: {signoff.warning()}")
    return 0


def check(args: argparse.Namespace) -> int:
    current = fingerprint(collect(ROOT, deployment_environment(), args.article))
    try:
        signoff = status(args.signoff_file, current)
    except SignoffError as error:
        print(f"WARNING: the sign-off file cannot be read: {error}", file=sys.stderr)
        return 1 if args.strict else 0
    if signoff.signed:
        return 0
    print(
        f"WARNING: {signoff.warning()} Review it with `make content-review`, then sign it with "
        "`make content-signoff` (README, Content review).",
        file=sys.stderr,
    )
    return 1 if args.strict else 0


def sign(args: argparse.Namespace) -> int:
    current = fingerprint(collect(ROOT, deployment_environment(), args.article))
    try:
        entry = add_signoff(args.signoff_file, current, args.fingerprint, args.reviewer, args.role, args.note)
    except SignoffError as error:
        print(f"Not signed: {error}", file=sys.stderr)
        return 2
    print(f"Signed off {entry.fingerprint} by {entry.reviewer} ({entry.role}) on {entry.date}.")
    print(f"Recorded in {args.signoff_file}: commit it.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--article", type=Path, default=ARTICLE, help="the source article (markdown)")
    parser.add_argument("--signoff-file", type=Path, default=SIGNOFF_FILE, help="the sign-off record")
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="write the HTML, PDF and screenshot")
    build_parser.add_argument("--out", type=Path, default=OUT)
    build_parser.add_argument("--no-pdf", action="store_true", help="the HTML only")
    build_parser.set_defaults(run=build)
    check_parser = commands.add_parser("check", help="warn when the content is not signed off")
    check_parser.add_argument("--strict", action="store_true", help="exit 1 when not signed off")
    check_parser.set_defaults(run=check)
    sign_parser = commands.add_parser("sign", help="record a sign-off")
    sign_parser.add_argument("--fingerprint", required=True, help="as shown in the reviewed document")
    sign_parser.add_argument("--reviewer", required=True)
    sign_parser.add_argument("--role", required=True)
    sign_parser.add_argument("--note", default="")
    sign_parser.set_defaults(run=sign)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
