"""Per-deployment emergency number and urgent route."""

from clinical.deployment import DEFAULT_CLINIC_CONTACT, DEFAULT_EMERGENCY_NUMBER, load_deployment


def test_defaults_name_the_common_emergency_numbers():
    deployment = load_deployment({})
    assert deployment.emergency_number == DEFAULT_EMERGENCY_NUMBER
    for number in ("911", "999", "112"):
        assert number in deployment.emergency_number
    assert "111" in deployment.urgent_care


def test_environment_overrides():
    urgent_care = "an urgent treatment centre (or NHS 111)"
    deployment = load_deployment({"EMERGENCY_NUMBER": "999", "URGENT_CARE": urgent_care})
    assert deployment.as_template_values() == {
        "emergency_number": "999",
        "urgent_care": urgent_care,
        "in_person_care": "an emergency department or an urgent care centre",
        "clinic_contact": DEFAULT_CLINIC_CONTACT,
    }
    assert load_deployment({"IN_PERSON_CARE": "St Mary's A&E"}).in_person_care == "St Mary's A&E"


def test_the_clinic_contact_line_is_the_deployment_s():
    contact = "our reception (020 7946 0000, weekdays 8am to 6pm)"
    assert load_deployment({"CLINIC_CONTACT": contact}).as_template_values()["clinic_contact"] == contact


def test_blank_values_fall_back_to_defaults():
    assert load_deployment({"EMERGENCY_NUMBER": "  "}).emergency_number == DEFAULT_EMERGENCY_NUMBER
