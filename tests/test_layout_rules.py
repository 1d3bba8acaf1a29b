"""The layout rules on hand-made page records: each rule names the block and page a reader would notice."""

from __future__ import annotations

from brief.pdf.rules import Placed, find_defects

FRAME = (60.0, 720.0)  # a 660 pt frame


def block(page: int, top: float, bottom: float, kind: str = "text", **kw: object) -> Placed:
    return Placed(page=page, frame=FRAME, top=top, bottom=bottom, kind=kind, **kw)  # type: ignore[arg-type]


def full_page(page: int) -> list[Placed]:
    return [block(page, 720, 400), block(page, 390, 70)]


def rules(placed: list[Placed], pages: int) -> list[tuple[str, int]]:
    return [(d.rule, d.page) for d in find_defects(placed, pages)]


def test_full_pages_break_no_rule() -> None:
    assert rules(full_page(1) + full_page(2), 2) == []


def test_a_heading_whose_text_starts_on_the_next_page_is_stranded() -> None:
    where = ("findings.yaml", ("findings", 3, "headline"))
    placed = [*full_page(1)[:1], block(1, 390, 90), block(1, 85, 70, "heading", label="Rent rose 24%", where=where)]
    placed += [block(2, 720, 300)]
    defects = find_defects(placed, 2)
    assert [(d.rule, d.page, d.where) for d in defects] == [("heading", 1, where)]
    assert "heading 'Rent rose 24%' would sit alone at the foot of page 1" in defects[0].message


def test_a_heading_with_one_line_of_its_split_text_at_the_foot_is_stranded() -> None:
    placed = [block(1, 720, 120), block(1, 115, 100, "heading", label="H"), block(1, 98, 84, lines=1, part="first")]
    placed += [block(2, 720, 300, lines=20, part="last")]
    assert ("heading", 1) in rules(placed, 2)


def test_a_heading_followed_by_its_whole_text_is_fine_even_low_on_the_page() -> None:
    placed = [block(1, 720, 150), block(1, 140, 125, "heading"), block(1, 120, 70, lines=3)]
    assert rules(placed, 1) == []


def test_a_page_under_half_full_is_thin_and_so_is_the_last() -> None:
    placed = [*full_page(1), block(2, 720, 500)]
    assert rules(placed, 2) == [("thin-page", 2)]
    assert rules([*full_page(1), block(2, 720, 350)], 2) == []


def test_a_hole_between_blocks_or_under_the_last_block_of_a_page() -> None:
    between = [block(1, 720, 600), block(1, 350, 70)]  # 250 pt empty: more than a third of 660
    assert rules(between, 1) == [("gap", 1)]
    under = [block(1, 720, 330), *full_page(2)]  # 270 pt left under the last block of page 1
    assert rules(under, 2) == [("gap", 1)]


def test_the_end_of_the_brief_is_not_a_hole() -> None:
    assert rules([*full_page(1), block(2, 720, 300)], 2) == []


def test_a_figure_more_than_a_page_after_its_text() -> None:
    placed = [*full_page(1), *full_page(2), block(3, 720, 70, "figure", mentioned=1, label="Rents")]
    assert rules(placed, 3) == [("figure", 3)]
    placed[-1] = block(3, 720, 70, "figure", mentioned=2)
    assert rules(placed, 3) == []


def test_a_table_continued_without_its_header_and_caption() -> None:
    placed = [block(1, 720, 70, "table"), block(2, 720, 70, "table", continued_well=False, label="Rents")]
    defects = find_defects(placed, 2)
    assert [(d.rule, d.page) for d in defects] == [("table", 2)]
    assert "(continued)" in defects[0].message


def test_widows_and_orphans() -> None:
    placed = [block(1, 720, 84), block(1, 80, 66, lines=1, part="first"), block(2, 720, 706, lines=1, part="last")]
    placed.append(block(2, 700, 300))
    assert rules(placed, 2) == [("lone-line", 1), ("lone-line", 2)]


def test_text_under_six_and_a_half_points() -> None:
    placed = [block(1, 720, 400, smallest=6.2), block(1, 390, 70, smallest=6.5)]
    defects = find_defects(placed, 1)
    assert [(d.rule, d.page) for d in defects] == [("small-text", 1)]
    assert "6.2 pt" in defects[0].message


def test_a_panel_pinned_to_the_foot_of_an_empty_page_is_a_thin_page() -> None:
    assert rules([*full_page(1), block(2, 220, 70)], 2) == [("thin-page", 2)]


def test_callout_rows_of_any_count_from_1_to_8_have_no_empty_cell_and_no_row_of_one() -> None:
    from brief.pdf.compose import balanced_rows

    for columns in (3, 4):
        for count in range(1, 9):
            rows = balanced_rows(count, columns)
            assert sum(rows) == count and max(rows) <= columns
            assert count == 1 or min(rows) >= 2, (count, columns, rows)


def test_two_text_boxes_that_overlap_are_a_defect_and_boxes_side_by_side_are_not() -> None:
    title = ("brief.yaml", ("title",))
    left = block(2, 745, 737, "running", left=72, right=400, smallest=7.5, where=title, label="POLICY BRIEF · A Long")
    right = block(2, 745, 737, "running", left=380, right=540, smallest=7.5, where=title, label="A Long Organisation")
    defects = find_defects(full_page(1) + full_page(2), 2, running=[left, right])
    assert [(d.rule, d.page, d.where) for d in defects] == [("overlap", 2, title)]
    assert "'POLICY BRIEF · A Long' and 'A Long Organisation' would print over each other" in defects[0].message
    apart = [left, block(2, 745, 737, "running", left=410, right=540, smallest=7.5, label="B")]
    assert find_defects(full_page(1) + full_page(2), 2, running=apart) == []
    # a running line clear of the text under it, and blocks stacked in the frame, never overlap
    assert rules([*full_page(1), block(1, 399, 391, left=72, right=540, smallest=10)], 1) == []
