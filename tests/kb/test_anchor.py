import pytest

from kb.anchor import CONTEXT, PassageNotFound, locate, selectors_at

TEXT = "Le pont est fermé. Le pont est fermé depuis lundi ; la maire dit qu’il rouvrira demain."


def test_locate_gives_code_point_offsets_and_context():
    found = locate(TEXT, "qu’il rouvrira")
    assert TEXT[found.start:found.end] == "qu’il rouvrira"
    assert found.prefix == TEXT[found.start - CONTEXT:found.start]
    assert found.suffix == " demain."


def test_a_passage_that_occurs_twice_must_say_which():
    with pytest.raises(PassageNotFound, match="occurs 2 times"):
        locate(TEXT, "Le pont est fermé")
    second = locate(TEXT, "Le pont est fermé", occurrence=2)
    assert second.start == 19 and second.prefix == "Le pont est fermé. "


def test_a_missing_passage_or_occurrence_is_refused():
    with pytest.raises(PassageNotFound, match="not found"):
        locate(TEXT, "la passerelle")
    with pytest.raises(PassageNotFound, match="not 3"):
        locate(TEXT, "Le pont est fermé", occurrence=3)


def test_context_is_cut_at_the_ends_of_the_text():
    found = selectors_at(TEXT, 0, 7)
    assert found.prefix == "" and found.exact == "Le pont"
    end = selectors_at(TEXT, len(TEXT) - 7, len(TEXT))
    assert end.suffix == "" and end.exact == "demain."


def test_offsets_outside_the_text_are_refused():
    with pytest.raises(PassageNotFound, match="outside"):
        selectors_at(TEXT, 5, len(TEXT) + 1)
    with pytest.raises(PassageNotFound, match="outside"):
        selectors_at(TEXT, 5, 5)


def test_offsets_count_code_points_not_bytes():
    text = "café « 🎬 » fin"
    found = locate(text, "fin")
    assert (found.start, found.end) == (11, 14)  # 15 and 18 in UTF-16, 16 and 19 in UTF-8 bytes
