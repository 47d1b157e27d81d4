#!/usr/bin/env python3
"""Writes a synthetic survey export for the import benchmark: an id, three attribute columns,
the four ONS loneliness questions and the fourteen WEMWBS items (headed by key phrase only),
all answered as labels, with a few blanks. Deterministic (fixed seed). Standard library only.

    python3 Scripts/benchmark/generate.py OUTPUT.csv [RESPONDENTS] [DISTRICTS]

With DISTRICTS, the third column is headed "District" and holds that many districts
("D00001", ...) instead of the six named areas (the report benchmark's breakdown).
"""
import random
import sys

UCLA = ["Hardly ever or never", "Some of the time", "Often"]
DIRECT = ["Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never"]
WEMWBS_LABELS = ["None of the time", "Rarely", "Some of the time", "Often", "All of the time"]
WEMWBS_PHRASES = [
    "Optimistic", "Useful", "Relaxed", "Interested in other people", "Energy to spare",
    "Dealing with problems", "Thinking clearly", "Good about myself", "Close to other people",
    "Confident", "Make up my own mind", "Loved", "Interested in new things", "Cheerful",
]
AREAS = ["Eastfield", "Millbrook", "Stonebridge", "Northgate", "Castle", "Westfield"]
AGES = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]


def main() -> None:
    path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    districts = int(sys.argv[3]) if len(sys.argv) > 3 else None
    areas = AREAS if districts is None else [f"D{index + 1:05d}" for index in range(districts)]
    rng = random.Random(20260302)
    header = (
        ["respondent_id", "submitted", "area" if districts is None else "District", "age_band",
         "How often do you feel that you lack companionship?", "How often do you feel left out?",
         "How often do you feel isolated from others?", "How often do you feel lonely?"]
        + [f"WEMWBS - {phrase}" for phrase in WEMWBS_PHRASES]
    )
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        lines = []
        for index in range(count):
            row = [f"R{index + 1:07d}", f"2026-03-{1 + index % 28:02d} {index % 24:02d}:{index % 60:02d}",
                   rng.choice(areas), rng.choice(AGES)]
            row += [rng.choice(UCLA) for _ in range(3)]
            row.append(rng.choice(DIRECT))
            row += ["" if rng.random() < 0.01 else rng.choice(WEMWBS_LABELS) for _ in WEMWBS_PHRASES]
            lines.append(",".join(row))
            if len(lines) == 10_000:
                out.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
