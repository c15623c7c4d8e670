"""The Rasa server's start (scripts/serve.py): a store class that cannot be loaded stops it."""

import pytest

from scripts.serve import require_store_class


def test_the_projects_store_class_loads():
    require_store_class({"tracker_store": {"type": "rasa_addons.sql_tracker_store.TurnSQLTrackerStore"}})


def test_rasas_own_store_names_are_left_to_rasa():
    require_store_class({"tracker_store": {"type": "SQL"}})
    require_store_class({})


@pytest.mark.parametrize(
    "store_type", ["rasa_addons.no_such_module.Store", "rasa_addons.sql_tracker_store.NoSuchStore"]
)
def test_a_store_class_that_cannot_be_loaded_stops_the_start(store_type):
    # Rasa itself would serve from an in-memory store and lose the conversations on restart.
    with pytest.raises(SystemExit, match="cannot be loaded"):
        require_store_class({"tracker_store": {"type": store_type}})
