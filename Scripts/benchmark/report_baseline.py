#!/usr/bin/env python3
"""The comparisons for the report benchmark: DuckDB or pandas reads the export and works out the
tallies behind `loneliness report FILE -i ons-loneliness -i wemwbs --by District`: for every
item, the count of each answer (and of blanks) per district and overall; the UCLA-3 and WEMWBS
totals per respondent (missing when an item is blank); and per district and overall, each
total's count, mean, standard deviation, median and quartiles.

    python3 Scripts/benchmark/report_baseline.py duckdb|pandas EXPORT.csv [THREADS]

Prints the number of tally rows and of score rows (so the work cannot be skipped).
"""
import sys

UCLA = {"Hardly ever or never": 1, "Some of the time": 2, "Often": 3}
DIRECT = {"Often/always": 1, "Some of the time": 2, "Occasionally": 3, "Hardly ever": 4, "Never": 5}
WEMWBS = {"None of the time": 1, "Rarely": 2, "Some of the time": 3, "Often": 4, "All of the time": 5}
UCLA_COLUMNS = [
    "How often do you feel that you lack companionship?",
    "How often do you feel left out?",
    "How often do you feel isolated from others?",
]
DIRECT_COLUMN = "How often do you feel lonely?"


def wemwbs_columns(columns):
    return [column for column in columns if column.startswith("WEMWBS - ")]


def with_duckdb(path: str, threads: int) -> None:
    import duckdb

    connection = duckdb.connect()
    connection.execute(f"SET threads TO {threads}")
    header = connection.execute(
        "SELECT * FROM read_csv(?, header = true, all_varchar = true) LIMIT 0", [path]
    ).description
    columns = [entry[0] for entry in header]
    items = UCLA_COLUMNS + [DIRECT_COLUMN] + wemwbs_columns(columns)
    connection.execute(
        "CREATE TEMP TABLE export AS SELECT * FROM read_csv(?, header = true, all_varchar = true)",
        [path],
    )

    def quoted(column: str) -> str:
        return '"' + column.replace('"', '""') + '"'

    def code(column: str, mapping: dict) -> str:
        cases = " ".join(f"WHEN '{label}' THEN {value}" for label, value in mapping.items())
        return f"(CASE {quoted(column)} {cases} END)"

    item_list = ", ".join(quoted(column) for column in items)
    tallies = connection.execute(
        f"""SELECT District, item, answer, count(*)
            FROM (SELECT District, {item_list} FROM export)
            UNPIVOT INCLUDE NULLS (answer FOR item IN ({item_list}))
            GROUP BY GROUPING SETS ((District, item, answer), (item, answer))"""
    ).fetchall()
    ucla = " + ".join(code(column, UCLA) for column in UCLA_COLUMNS)
    wemwbs = " + ".join(code(column, WEMWBS) for column in wemwbs_columns(columns))
    statistics = lambda name: (
        f"count({name}), avg({name}), stddev_samp({name}),"
        f" quantile_cont({name}, [0.25, 0.5, 0.75])"
    )
    scores = connection.execute(
        f"""SELECT District, {statistics('ucla')}, {statistics('wemwbs')} FROM (
              SELECT District, {ucla} AS ucla, {wemwbs} AS wemwbs FROM export)
            GROUP BY GROUPING SETS ((District), ())"""
    ).fetchall()
    print(len(tallies), len(scores))


def with_pandas(path: str) -> None:
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    items = UCLA_COLUMNS + [DIRECT_COLUMN] + wemwbs_columns(frame.columns)
    tallies = 0
    for column in items:
        tallies += len(frame.groupby(["District", column]).size())
        tallies += len(frame[column].value_counts())
    codes = pd.DataFrame({"District": frame["District"]})
    codes["ucla"] = sum(frame[column].map(UCLA) for column in UCLA_COLUMNS)
    codes["wemwbs"] = sum(frame[column].map(WEMWBS) for column in wemwbs_columns(frame.columns))
    rows = 0
    for score in ["ucla", "wemwbs"]:
        grouped = codes.groupby("District")[score]
        summary = grouped.agg(["count", "mean", "std", "median"])
        quartiles = grouped.quantile([0.25, 0.75])
        overall = codes[score].describe()
        rows += len(summary) + len(quartiles) + len(overall)
    print(tallies, rows)


def main() -> None:
    engine, path = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    if engine == "duckdb":
        with_duckdb(path, threads)
    else:
        with_pandas(path)


if __name__ == "__main__":
    main()
