"""The Rasa server's start (scripts/serve.py): a store class that cannot be loaded stops it."""

import gc

import pytest

from scripts.serve import freeze_loaded_objects, require_store_class


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


async def test_objects_loaded_at_start_are_frozen_out_of_the_collectors_reach():
    gc.unfreeze()
    try:
        await freeze_loaded_objects(app=None, loop=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
