"""The content review: every text the assistant can send, in one document a clinician can read.

Plain Python, no Rasa import: `collect` reads the reviewed data files into one model,
`fingerprint` hashes what the document shows, `signoff` records who reviewed which fingerprint,
`render` writes the HTML (Jinja2), `chromium` prints it to PDF. scripts/content_review.py is the
command line over them (make content-review, make content-signoff).
"""
