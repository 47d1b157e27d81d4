#!/usr/bin/env python3
"""Generate the example datasets in this folder.

Run from anywhere:

    python3 Examples/generate.py

Python 3 standard library only. Every random draw comes from a `random.Random` seeded with a fixed
number (one generator per dataset), files are written as bytes with explicit encodings and line
endings, so running the script again reproduces byte-identical files.

All respondents, clients, names and comments are invented.

SWEMWBS items are referred to only by their key phrases ("Optimistic", "Useful", ...). The item
wording is licensed and is deliberately not reproduced here or in any generated file.
"""

import csv
import datetime
import io
import math
import os
import random
import re
import zipfile
from collections import Counter
from xml.etree import ElementTree
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# Instrument labels
# ---------------------------------------------------------------------------------------------

UCLA_QUESTIONS = [
  "How often do you feel that you lack companionship?",
  "How often do you feel left out?",
  "How often do you feel isolated from others?",
]
DIRECT_QUESTION = "How often do you feel lonely?"
ONS_LONELINESS_QUESTIONS = UCLA_QUESTIONS + [DIRECT_QUESTION]
UCLA_OPTIONS = ["Hardly ever or never", "Some of the time", "Often"]
DIRECT_OPTIONS = ["Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never"]
PREFER_NOT_TO_SAY = "Prefer not to say"
DONT_KNOW = "Don't know"

SWEMWBS_TITLE = "Wellbeing (SWEMWBS)"
SWEMWBS_KEYS = [
  "Optimistic",
  "Useful",
  "Relaxed",
  "Dealing with problems",
  "Thinking clearly",
  "Close to other people",
  "Make up my own mind",
]
SWEMWBS_OPTIONS = ["None of the time", "Rarely", "Some of the time", "Often", "All of the time"]
SWEMWBS_NOTICE = (
  "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of "
  "Warwick and University of Edinburgh, 2008, all rights reserved."
)

ONS4_QUESTIONS = [
  "Overall, how satisfied are you with your life nowadays?",
  "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
  "Overall, how happy did you feel yesterday?",
  "Overall, how anxious did you feel yesterday?",
]

AGE_BANDS = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", PREFER_NOT_TO_SAY]

COMMANDS_SECTION = "## Commands\n\n(added with the command-line tool)\n"


def keeping_commands(relative_path, text):
  """The README text with the "## Commands" section of the existing file kept: the commands are
  written by hand (and checked by the tests), the rest of the README by this script."""
  path = os.path.join(HERE, relative_path)
  if not os.path.exists(path):
    return text
  with open(path, encoding="utf-8") as existing:
    current = existing.read()
  marker = "## Commands\n"
  if marker not in current or marker not in text:
    return text
  return text[: text.index(marker)] + current[current.index(marker):]

# ---------------------------------------------------------------------------------------------
# Small utilities
# ---------------------------------------------------------------------------------------------


def cut(value, thresholds):
  """Number of thresholds that `value` reaches (0 ... len(thresholds))."""
  return sum(1 for threshold in thresholds if value >= threshold)


def weighted_choice(rng, weighted):
  """Pick from a list of (item, weight) pairs."""
  total = sum(weight for _, weight in weighted)
  point = rng.random() * total
  for item, weight in weighted:
    point -= weight
    if point < 0:
      return item
  return weighted[-1][0]


def rank_assign(rng, indices, score, categories):
  """Give the respondents in `indices` exact category counts, ordered by `score`.

  `categories` is a list of (label, count) whose counts add up to len(indices). The highest
  scores get the first label, so the answers follow the latent variable while the published
  counts hold exactly. Returns {index: label}.
  """
  assert sum(count for _, count in categories) == len(indices), (categories, len(indices))
  ranked = sorted(indices, key=lambda index: (-score[index], index))
  result = {}
  position = 0
  for label, count in categories:
    for index in ranked[position:position + count]:
      result[index] = label
    position += count
  return result


def csv_field(value, quote_all):
  if quote_all or any(character in value for character in ',"\r\n'):
    return '"' + value.replace('"', '""') + '"'
  return value


def csv_bytes(rows, *, encoding="utf-8", bom=False, newline="\n", quote_all=False):
  width = len(rows[0])
  for row in rows:
    assert len(row) == width, "ragged row: %r" % (row,)
    for value in row:
      assert isinstance(value, str), value
  text = "".join(",".join(csv_field(v, quote_all) for v in row) + newline for row in rows)
  data = text.encode(encoding)
  if bom:
    data = b"\xef\xbb\xbf" + data
  return data


def write_bytes(relative_path, data):
  path = os.path.join(HERE, relative_path)
  os.makedirs(os.path.dirname(path), exist_ok=True)
  with open(path, "wb") as handle:
    handle.write(data)


def write_csv(relative_path, rows, **options):
  data = csv_bytes(rows, **options)
  write_bytes(relative_path, data)
  return data


def write_text(relative_path, text):
  write_bytes(relative_path, text.encode("utf-8"))


def read_back(data, encoding, header_rows):
  """Parse written CSV bytes again (a round-trip check) and return the data rows."""
  text = data.decode(encoding)
  if text.startswith("\ufeff"):
    text = text[1:]
  rows = list(csv.reader(io.StringIO(text, newline="")))
  return rows[header_rows:]


def normalise(cell):
  """The answer-matching rule the expected tallies assume.

  Non-breaking spaces become spaces, surrounding white space is dropped, runs of white space
  collapse to one, case is ignored, a typographic apostrophe counts as a straight one, and the
  spellings "Often / always" and "often or always" count as "Often/always".
  """
  text = " ".join(cell.replace("\u00a0", " ").split()).lower().replace("\u2019", "'")
  aliases = {"often / always": "often/always", "often or always": "often/always"}
  return aliases.get(text, text)


def tally(cells, options, non_answers):
  """Count answers: per option, per non-answer, blanks and anything else (invalid)."""
  by_key = {normalise(option): option for option in options}
  non_answer_keys = {normalise(label): label for label in non_answers}
  counts = Counter()
  invalid = []
  for cell in cells:
    key = normalise(cell)
    if key == "":
      counts["(blank)"] += 1
    elif key in by_key:
      counts[by_key[key]] += 1
    elif key in non_answer_keys:
      counts[non_answer_keys[key]] += 1
    else:
      counts["(invalid)"] += 1
      invalid.append(cell)
  result = {option: counts[option] for option in options}
  result["base"] = sum(counts[option] for option in options)
  for label in non_answers:
    result[label] = counts[label]
  result["(blank)"] = counts["(blank)"]
  result["(invalid)"] = counts["(invalid)"]
  result["invalid values"] = invalid
  return result


def percent(part, whole):
  return "%.1f%%" % (100.0 * part / whole) if whole else "n/a"


def markdown_table(header, rows):
  lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
  for row in rows:
    lines.append("| " + " | ".join(str(cell) for cell in row) + " |")
  return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# 1. platform-exports: one council survey, five export formats
# ---------------------------------------------------------------------------------------------

COUNCIL_N = 180
WARDS = ["Abbey", "Castle", "Northgate", "Riverside", "St Mary's", "Westfield"]
GENDERS = [("Woman", 54), ("Man", 40), ("Non-binary", 2), (PREFER_NOT_TO_SAY, 4)]
USED_OPTIONS = ["Library", "Community centre", "Faith group", "Sports club", "Online group"]
NONE_OF_THESE = "None of these"
COUNCIL_COMMENTS = [
  "The library is the only place I talk to anyone some weeks.",
  "I\u2019d go to the community centre more if the bus ran after 6pm.",
  "Bus fare is \u00a33.20 each way \u2013 too much on a pension.",
  'My son set up the "online group" for me, and it helps.',
  "Lost my husband last year, it's been hard.",
  "More evening activities, please.",
  "Moved here in 2025, don't know many people yet.",
  "Work long hours, no time for clubs.",
  "Would like a walking group in Riverside.",
  "Sports club is too expensive for a family of five.",
  "Thank you for asking.\nPlease share what you find.",
  "Coffee morning at the church hall is lovely",
  "n/a",
  "No comment",
  "Happy with things as they are.",
  "Carer for my mum, hardly get out.",
  "Need more for young people, not just older residents.",
]


def council_timestamps(rng):
  """Start and end times for the respondents, in order, 2 March 2026 onwards (GMT)."""
  moment = datetime.datetime(2026, 3, 2, 8, 30, 0)
  times = []
  for _ in range(COUNCIL_N):
    moment += datetime.timedelta(minutes=rng.randint(20, 150), seconds=rng.randint(0, 59))
    if moment.hour >= 22 or moment.hour < 7:
      day = moment.date() + datetime.timedelta(days=1 if moment.hour >= 22 else 0)
      moment = datetime.datetime(day.year, day.month, day.day, 7, rng.randint(0, 59),
                                 rng.randint(0, 59))
    duration = datetime.timedelta(seconds=rng.randint(170, 1150))
    times.append((moment, moment + duration))
  return times


def build_council_respondents(rng):
  """The underlying answers of the Connected Communities survey 2026 respondents."""
  people = []
  times = council_timestamps(rng)
  for index in range(COUNCIL_N):
    loneliness = rng.gauss(0, 1)
    wellbeing = -0.55 * loneliness + 0.83 * rng.gauss(0, 1)
    ucla = [UCLA_OPTIONS[cut(0.8 * loneliness + 0.6 * rng.gauss(0, 1), [0.15, 1.05])]
            for _ in UCLA_QUESTIONS]
    direct_level = cut(0.85 * loneliness + 0.5 * rng.gauss(0, 1), [-0.9, -0.1, 0.6, 1.35])
    direct = DIRECT_OPTIONS[4 - direct_level]
    swemwbs = [SWEMWBS_OPTIONS[cut(0.75 * wellbeing + 0.65 * rng.gauss(0, 1) + 0.15,
                                   [-1.45, -0.5, 0.5, 1.45])]
               for _ in SWEMWBS_KEYS]
    age = weighted_choice(rng, list(zip(AGE_BANDS, [8, 14, 16, 18, 20, 17, 10, 3])))
    gender = weighted_choice(rng, GENDERS)
    ward = weighted_choice(rng, [(ward, 1) for ward in WARDS])
    factor = math.exp(-0.35 * loneliness)
    used = [option for option, chance in zip(USED_OPTIONS, [0.36, 0.26, 0.15, 0.2, 0.12])
            if rng.random() < min(0.9, chance * factor)]
    if not used:
      used = [NONE_OF_THESE] if rng.random() < 0.9 else []
    start, end = times[index]
    people.append({
      "ucla": ucla, "direct": direct, "swemwbs": swemwbs, "age": age, "gender": gender,
      "ward": ward, "used": used, "comment": "", "start": start, "end": end,
      "duration": int((end - start).total_seconds()),
    })

  # Free-text comments: every comment in the pool appears at least once, some repeat.
  commenters = sorted(rng.sample(range(COUNCIL_N), 52))
  pool = list(COUNCIL_COMMENTS)
  rng.shuffle(pool)
  for position, index in enumerate(commenters):
    people[index]["comment"] = pool[position] if position < len(pool) else rng.choice(
      ["No comment", "n/a", "More evening activities, please.", "Happy with things as they are."])

  # Deliberate gaps and non-answers, the same respondents in every export.
  order = list(range(COUNCIL_N))
  rng.shuffle(order)
  specials = {}
  specials["no swemwbs"] = order[0]
  people[order[0]]["swemwbs"] = [""] * len(SWEMWBS_KEYS)
  specials["direct blank"] = order[1]
  people[order[1]]["direct"] = ""
  for offset, item in zip([2, 3, 4], [0, 1, 2]):
    people[order[offset]]["ucla"][item] = ""
    specials["ucla blank %d" % item] = order[offset]
  for offset, item in zip([5, 6, 7, 8], [2, 4, 5, 6]):
    people[order[offset]]["swemwbs"][item] = ""
    specials["swemwbs blank %d" % item] = order[offset]
  for offset in [9, 10]:
    people[order[offset]]["direct"] = PREFER_NOT_TO_SAY
  specials["direct prefer not to say"] = sorted([order[9], order[10]])
  people[order[11]]["ucla"][0] = DONT_KNOW
  people[order[12]]["ucla"][2] = DONT_KNOW
  specials["ucla don't know"] = sorted([order[11], order[12]])
  used_up = set(order[:13])
  sometimes = next(index for index in order[13:] if people[index]["direct"] == "Some of the time")
  specials["sometimes"] = sometimes
  used_up.add(sometimes)
  lowercase = next(index for index in order[13:]
                   if index not in used_up and people[index]["direct"] == "Hardly ever")
  specials["google lowercase"] = lowercase
  return people, specials


def council_cell_overrides(people, specials):
  """Per-file cell changes on top of each platform's own labels: {(file, index, key): text}."""
  overrides = {}

  taken = set()
  for value in specials.values():
    taken.update(value if isinstance(value, list) else [value])

  def first(predicate):
    """The first respondent matching `predicate` not already used for another quirk."""
    index = next(index for index in range(COUNCIL_N)
                 if predicate(people[index]) and index not in taken)
    taken.add(index)
    return index

  overrides[("surveymonkey.csv", first(lambda p: p["ucla"][1] == "Often"), "ucla1")] = "often "
  overrides[("surveymonkey.csv", first(lambda p: p["ucla"][2] == "Often"), "ucla2")] = "often "
  overrides[("qualtrics.csv", first(lambda p: p["ucla"][0] == "Some of the time"), "ucla0")] = (
    "SOME OF THE TIME")
  overrides[("qualtrics.csv", first(lambda p: p["direct"] == "Some of the time"), "direct")] = (
    "SOME OF THE TIME")
  overrides[("google-forms.csv", specials["sometimes"], "direct")] = "Sometimes"
  overrides[("google-forms.csv", specials["google lowercase"], "direct")] = "hardly ever "
  overrides[("smartsurvey.csv", first(lambda p: p["swemwbs"][3] == "Often"), "swem3")] = "Often "
  return overrides


def answer_cells(person):
  """Answer values by key, as the respondent chose them (canonical labels)."""
  cells = {"ucla%d" % i: person["ucla"][i] for i in range(3)}
  cells["direct"] = person["direct"]
  for i in range(len(SWEMWBS_KEYS)):
    cells["swem%d" % i] = person["swemwbs"][i]
  return cells


ANSWER_KEYS = ["ucla0", "ucla1", "ucla2", "direct"] + ["swem%d" % i for i in range(7)]


def platform_cells(file_name, person, index, overrides, label_map):
  cells = answer_cells(person)
  for key in ANSWER_KEYS:
    cells[key] = label_map.get(cells[key], cells[key]) if key.startswith(("ucla", "direct")) \
      else cells[key]
    override = overrides.get((file_name, index, key))
    if override is not None:
      cells[key] = override
  return cells


OTHER_QUESTIONS = {
  "age": "What is your age?",
  "gender": "What is your gender?",
  "ward": "Which ward do you live in?",
  "used": "Which of these have you used in the last year?",
  "comment": "Is there anything else you would like to tell us?",
}


def surveymonkey(people, overrides):
  name = "surveymonkey.csv"
  metadata = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
              "Email Address", "First Name", "Last Name", "Custom Data 1"]
  row1 = list(metadata)
  row2 = [""] * len(metadata)
  columns = {}
  for i, question in enumerate(ONS_LONELINESS_QUESTIONS):
    key = "direct" if i == 3 else "ucla%d" % i
    columns[key] = len(row1)
    # A non-breaking space copied in from a word processor.
    row1.append(question.replace("feel lonely", "feel\u00a0lonely"))
    row2.append("Response")
  for i, phrase in enumerate(SWEMWBS_KEYS):
    columns["swem%d" % i] = len(row1)
    row1.append(SWEMWBS_TITLE if i == 0 else "")
    row2.append(phrase)
  for key in ["age", "gender", "ward"]:
    row1.append(OTHER_QUESTIONS[key])
    row2.append("Response")
  for i, option in enumerate(USED_OPTIONS + [NONE_OF_THESE]):
    row1.append(OTHER_QUESTIONS["used"] if i == 0 else "")
    row2.append(option)
  row1.append(OTHER_QUESTIONS["comment"])
  row2.append("Open-Ended Response")

  rows = [row1, row2]
  ids = []
  for index, person in enumerate(people):
    respondent_id = str(118402100377 + index * 17 + (index * index) % 13)
    ids.append(respondent_id)
    collector = "431298765" if index % 5 else "431298802"
    cells = platform_cells(name, person, index, overrides, {})
    row = [respondent_id, collector,
           person["start"].strftime("%m/%d/%Y %I:%M:%S %p"),
           person["end"].strftime("%m/%d/%Y %I:%M:%S %p"), "", "", "", "", ""]
    row += [cells[key] for key in ["ucla0", "ucla1", "ucla2", "direct"]]
    row += [cells["swem%d" % i] for i in range(7)]
    row += [person["age"], person["gender"], person["ward"]]
    row += [option if option in person["used"] else "" for option in USED_OPTIONS + [NONE_OF_THESE]]
    row.append(person["comment"])
    rows.append(row)
  options = {"encoding": "utf-8", "bom": True, "newline": "\r\n"}
  return name, rows, options, 2, columns, ids


def qualtrics(people, overrides):
  name = "qualtrics.csv"
  metadata = [
    ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/London"}'),
    ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/London"}'),
    ("Status", "Response Type", '{"ImportId":"status"}'),
    ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}'),
    ("Progress", "Progress", '{"ImportId":"progress"}'),
    ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}'),
    ("Finished", "Finished", '{"ImportId":"finished"}'),
    ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/London"}'),
    ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'),
    ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}'),
    ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}'),
    ("RecipientEmail", "Recipient Email", '{"ImportId":"recipientEmail"}'),
    ("ExternalReference", "External Data Reference", '{"ImportId":"externalDataReference"}'),
    ("LocationLatitude", "Location Latitude", '{"ImportId":"locationLatitude"}'),
    ("LocationLongitude", "Location Longitude", '{"ImportId":"locationLongitude"}'),
    ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}'),
    ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}'),
  ]
  row1 = [m[0] for m in metadata]
  row2 = [m[1] for m in metadata]
  row3 = [m[2] for m in metadata]
  columns = {}
  for i, question in enumerate(ONS_LONELINESS_QUESTIONS):
    key = "direct" if i == 3 else "ucla%d" % i
    columns[key] = len(row1)
    row1.append("Q%d" % (i + 1))
    row2.append(question)
    row3.append('{"ImportId":"QID%d"}' % (i + 1))
  for i, phrase in enumerate(SWEMWBS_KEYS):
    columns["swem%d" % i] = len(row1)
    row1.append("Q5_%d" % (i + 1))
    row2.append("%s - %s" % (SWEMWBS_TITLE, phrase))
    row3.append('{"ImportId":"QID5_%d"}' % (i + 1))
  for number, key in zip([6, 7, 8, 9], ["age", "gender", "ward", "used"]):
    row1.append("Q%d" % number)
    row2.append(OTHER_QUESTIONS[key])
    row3.append('{"ImportId":"QID%d"}' % number)
  row1.append("Q10")
  row2.append(OTHER_QUESTIONS["comment"])
  row3.append('{"ImportId":"QID10_TEXT"}')

  rows = [row1, row2, row3]
  ids = []
  id_rng = random.Random(5150)
  alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
  for index, person in enumerate(people):
    response_id = "R_" + "".join(id_rng.choice(alphabet) for _ in range(15))
    ids.append(response_id)
    cells = platform_cells(name, person, index, overrides, {})
    recorded = person["end"] + datetime.timedelta(seconds=1)
    row = [person["start"].strftime("%Y-%m-%d %H:%M:%S"),
           person["end"].strftime("%Y-%m-%d %H:%M:%S"), "IP Address", "", "100",
           str(person["duration"]), "True", recorded.strftime("%Y-%m-%d %H:%M:%S"), response_id,
           "", "", "", "", "", "", "anonymous", "EN-GB"]
    row += [cells[key] for key in ["ucla0", "ucla1", "ucla2", "direct"]]
    row += [cells["swem%d" % i] for i in range(7)]
    row += [person["age"], person["gender"], person["ward"], ",".join(person["used"]),
            person["comment"]]
    rows.append(row)
  options = {"encoding": "utf-8", "bom": False, "newline": "\n", "quote_all": True}
  return name, rows, options, 3, columns, ids


MICROSOFT_FORMS_LABELS = {"Often/always": "Often / always", DONT_KNOW: "Don\u2019t know"}


def microsoft_forms(people, overrides):
  name = "microsoft-forms.csv"
  row1 = ["ID", "Start time", "Completion time", "Email", "Name"]
  columns = {}
  for i, question in enumerate(ONS_LONELINESS_QUESTIONS):
    key = "direct" if i == 3 else "ucla%d" % i
    columns[key] = len(row1)
    row1.append("%d. %s" % (i + 1, question))
  for i, phrase in enumerate(SWEMWBS_KEYS):
    columns["swem%d" % i] = len(row1)
    row1.append("5. %s.%s" % (SWEMWBS_TITLE, phrase))
  for number, key in zip([6, 7, 8, 9, 10], ["age", "gender", "ward", "used", "comment"]):
    row1.append("%d. %s" % (number, OTHER_QUESTIONS[key]))
  rows = [row1]
  ids = []
  for index, person in enumerate(people):
    ids.append(str(index + 1))
    cells = platform_cells(name, person, index, overrides, MICROSOFT_FORMS_LABELS)
    row = [str(index + 1), person["start"].strftime("%d/%m/%Y %H:%M"),
           person["end"].strftime("%d/%m/%Y %H:%M"), "anonymous", ""]
    row += [cells[key] for key in ["ucla0", "ucla1", "ucla2", "direct"]]
    row += [cells["swem%d" % i] for i in range(7)]
    used = "".join(option + ";" for option in person["used"])
    row += [person["age"], person["gender"], person["ward"], used, person["comment"]]
    rows.append(row)
  options = {"encoding": "cp1252", "bom": False, "newline": "\r\n"}
  return name, rows, options, 1, columns, ids


def google_forms(people, overrides):
  name = "google-forms.csv"
  row1 = ["Timestamp"]
  columns = {}
  for i, question in enumerate(ONS_LONELINESS_QUESTIONS):
    key = "direct" if i == 3 else "ucla%d" % i
    columns[key] = len(row1)
    row1.append(question)
  for i, phrase in enumerate(SWEMWBS_KEYS):
    columns["swem%d" % i] = len(row1)
    row1.append("%s [%s]" % (SWEMWBS_TITLE, phrase))
  for key in ["age", "gender", "ward", "used", "comment"]:
    row1.append(OTHER_QUESTIONS[key])
  rows = [row1]
  ids = []
  for index, person in enumerate(people):
    stamp = person["end"].strftime("%d/%m/%Y %H:%M:%S")
    ids.append(stamp)
    cells = platform_cells(name, person, index, overrides, {})
    row = [stamp]
    row += [cells[key] for key in ["ucla0", "ucla1", "ucla2", "direct"]]
    row += [cells["swem%d" % i] for i in range(7)]
    row += [person["age"], person["gender"], person["ward"], ", ".join(person["used"]),
            person["comment"]]
    rows.append(row)
  options = {"encoding": "utf-8", "bom": False, "newline": "\n"}
  return name, rows, options, 1, columns, ids


SMARTSURVEY_LABELS = {"Often/always": "often or always"}


def smartsurvey(people, overrides):
  name = "smartsurvey.csv"
  row1 = ["UserNo", "Name", "Email", "IP Address", "Unique ID", "Started", "Ended",
          "Tracking Link", "Custom Value"]
  columns = {}
  for i, question in enumerate(ONS_LONELINESS_QUESTIONS):
    key = "direct" if i == 3 else "ucla%d" % i
    columns[key] = len(row1)
    row1.append("Q%d. %s" % (i + 1, question))
  for i, phrase in enumerate(SWEMWBS_KEYS):
    columns["swem%d" % i] = len(row1)
    row1.append("Q5. %s: %s" % (SWEMWBS_TITLE, phrase))
  for number, key in zip([6, 7, 8], ["age", "gender", "ward"]):
    row1.append("Q%d. %s" % (number, OTHER_QUESTIONS[key]))
  for option in USED_OPTIONS + [NONE_OF_THESE]:
    row1.append("Q9. %s: %s" % (OTHER_QUESTIONS["used"], option))
  row1.append("Q10. %s" % OTHER_QUESTIONS["comment"])
  rows = [row1]
  ids = []
  for index, person in enumerate(people):
    user_number = str(20931544 + index * 3 + index % 2)
    ids.append(user_number)
    cells = platform_cells(name, person, index, overrides, SMARTSURVEY_LABELS)
    row = [user_number, "", "", "", "", person["start"].strftime("%d/%m/%Y %H:%M:%S"),
           person["end"].strftime("%d/%m/%Y %H:%M:%S"), "Default Web Link", ""]
    row += [cells[key] for key in ["ucla0", "ucla1", "ucla2", "direct"]]
    row += [cells["swem%d" % i] for i in range(7)]
    row += [person["age"], person["gender"], person["ward"]]
    row += [option if option in person["used"] else "" for option in USED_OPTIONS + [NONE_OF_THESE]]
    row.append(person["comment"])
    rows.append(row)
  options = {"encoding": "utf-8", "bom": True, "newline": "\r\n"}
  return name, rows, options, 1, columns, ids


def swemwbs_complete_sum(rows, columns):
  complete = 0
  total = 0
  for row in rows:
    keys = [normalise(row[columns["swem%d" % i]]) for i in range(7)]
    codes = [[normalise(o) for o in SWEMWBS_OPTIONS].index(k) + 1 if k in
             [normalise(o) for o in SWEMWBS_OPTIONS] else None for k in keys]
    if all(code is not None for code in codes):
      complete += 1
      total += sum(codes)
  return complete, total


# ---------------------------------------------------------------------------------------------
# Microsoft Forms' Excel workbook
# ---------------------------------------------------------------------------------------------

XLSX_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XLSX_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XLSX_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)


def column_letters(index):
  letters = ""
  index += 1
  while index:
    index, remainder = divmod(index - 1, 26)
    letters = chr(65 + remainder) + letters
  return letters


def xlsx_bytes(sheet_name, rows):
  """A workbook of one sheet, laid out as Excel writes one: every text in the shared string
  table, numbers as numbers, datetimes as serial numbers in a date format, blank cells left
  out. `rows` holds str, int or datetime values."""
  strings = []
  string_index = {}
  sheet_rows = []
  for r, row in enumerate(rows):
    cells = []
    for c, value in enumerate(row):
      reference = "%s%d" % (column_letters(c), r + 1)
      if isinstance(value, datetime.datetime):
        serial = (value - EXCEL_EPOCH).total_seconds() / 86400
        cells.append('<c r="%s" s="1"><v>%s</v></c>' % (reference, repr(serial)))
      elif isinstance(value, int):
        cells.append('<c r="%s"><v>%d</v></c>' % (reference, value))
      elif value != "":
        if value not in string_index:
          string_index[value] = len(strings)
          strings.append(value)
        cells.append('<c r="%s" t="s"><v>%d</v></c>' % (reference, string_index[value]))
    sheet_rows.append('<row r="%d">%s</row>' % (r + 1, "".join(cells)))
  def text_element(value):
    space = ' xml:space="preserve"' if value != value.strip() or "\n" in value else ""
    return "<t%s>%s</t>" % (space, escape(value))
  parts = {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      '</Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" '
      'Target="xl/workbook.xml"/></Relationships>' % (XLSX_PACKAGE, XLSX_RELATIONSHIPS),
    "xl/workbook.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="%s" sheetId="1" r:id="rId1"/>'
      '</sheets></workbook>' % (XLSX_MAIN, XLSX_RELATIONSHIPS, escape(sheet_name)),
    "xl/_rels/workbook.xml.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Relationships xmlns="%s">'
      '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
      '<Relationship Id="rId2" Type="%s/styles" Target="styles.xml"/>'
      '<Relationship Id="rId3" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
      '</Relationships>' % (XLSX_PACKAGE, XLSX_RELATIONSHIPS, XLSX_RELATIONSHIPS,
                            XLSX_RELATIONSHIPS),
    "xl/styles.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<styleSheet xmlns="%s"><numFmts count="1"><numFmt numFmtId="164" '
      'formatCode="m/d/yy h:mm:ss"/></numFmts>'
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
      '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
      '<borders count="1"><border/></borders>'
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
      '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
      '</cellXfs></styleSheet>' % XLSX_MAIN,
    "xl/sharedStrings.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
      % (XLSX_MAIN, len(strings), len(strings),
         "".join("<si>%s</si>" % text_element(text) for text in strings)),
    "xl/worksheets/sheet1.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<worksheet xmlns="%s" xmlns:r="%s"><sheetData>%s</sheetData></worksheet>'
      % (XLSX_MAIN, XLSX_RELATIONSHIPS, "".join(sheet_rows)),
  }
  buffer = io.BytesIO()
  with zipfile.ZipFile(buffer, "w") as archive:
    for name, text in parts.items():
      info = zipfile.ZipInfo(name, date_time=(2026, 3, 16, 9, 0, 0))
      info.compress_type = zipfile.ZIP_DEFLATED
      archive.writestr(info, text.encode("utf-8"))
  return buffer.getvalue()


def xlsx_rows(data):
  """The cell texts of the first sheet of a workbook written by `xlsx_bytes`, dates as ISO
  8601: a check that the workbook holds what was meant."""
  namespace = {"m": XLSX_MAIN}
  with zipfile.ZipFile(io.BytesIO(data)) as archive:
    strings = ["".join(t.text or "" for t in si.iter("{%s}t" % XLSX_MAIN))
               for si in ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))]
    sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
  rows = []
  for row in sheet.iter("{%s}row" % XLSX_MAIN):
    cells = {}
    for cell in row.findall("m:c", namespace):
      column = 0
      for letter in re.match(r"[A-Z]+", cell.get("r")).group():
        column = column * 26 + ord(letter) - 64
      value = cell.find("m:v", namespace).text
      if cell.get("t") == "s":
        value = strings[int(value)]
      elif cell.get("s") == "1":
        moment = EXCEL_EPOCH + datetime.timedelta(days=float(value))
        value = (moment + datetime.timedelta(microseconds=500_000)).replace(microsecond=0).isoformat()
      cells[column - 1] = value
    rows.append([cells.get(index, "") for index in range(max(cells) + 1)] if cells else [])
  return rows


def microsoft_forms_workbook(people, overrides):
  """Microsoft Forms' own download, which is an Excel workbook (the CSV is that workbook saved
  again by Excel): the same rows, with the ID as a number and the times as dates."""
  name, rows, _, _, _, _ = microsoft_forms(people, overrides)
  sheet = [rows[0]]
  for index, row in enumerate(rows[1:]):
    person = people[index]
    sheet.append([int(row[0]), person["start"], person["end"]] + row[3:])
  data = xlsx_bytes("Sheet1", sheet)
  written = xlsx_rows(data)
  assert len(written) == len(sheet)
  for expected, actual in zip(sheet, written):
    expected = [value.isoformat() if isinstance(value, datetime.datetime) else str(value)
                for value in expected]
    while expected and expected[-1] == "":
      expected.pop()
    assert actual == expected, (actual, expected)
  write_bytes("platform-exports/microsoft-forms.xlsx", data)
  return data


def generate_platform_exports():
  rng = random.Random(20260302)
  people, specials = build_council_respondents(rng)
  overrides = council_cell_overrides(people, specials)
  builders = [surveymonkey, qualtrics, microsoft_forms, google_forms, smartsurvey]
  results = {}
  for builder in builders:
    name, rows, options, header_rows, columns, ids = builder(people, overrides)
    data = write_csv("platform-exports/" + name, rows, **options)
    parsed = read_back(data, options["encoding"], header_rows)
    assert len(parsed) == COUNCIL_N
    results[name] = {
      "rows": parsed, "columns": columns, "ids": ids, "header_rows": header_rows,
      "width": len(rows[0]), "options": options,
    }

  # Tallies per file, from the bytes actually written.
  tallies = {}
  for name, result in results.items():
    per_question = {}
    for key in ["ucla0", "ucla1", "ucla2"]:
      cells = [row[result["columns"][key]] for row in result["rows"]]
      per_question[key] = tally(cells, UCLA_OPTIONS, [DONT_KNOW, PREFER_NOT_TO_SAY])
    cells = [row[result["columns"]["direct"]] for row in result["rows"]]
    per_question["direct"] = tally(cells, DIRECT_OPTIONS, [DONT_KNOW, PREFER_NOT_TO_SAY])
    for i in range(7):
      cells = [row[result["columns"]["swem%d" % i]] for row in result["rows"]]
      per_question["swem%d" % i] = tally(cells, SWEMWBS_OPTIONS, [])
    per_question["swemwbs complete"] = swemwbs_complete_sum(result["rows"], result["columns"])
    tallies[name] = per_question

  reference = tallies["surveymonkey.csv"]
  for name, per_question in tallies.items():
    for key, value in per_question.items():
      if name == "google-forms.csv" and key == "direct":
        assert value != reference[key]
        assert value["(invalid)"] == 1 and value["invalid values"] == ["Sometimes"]
        assert value["Some of the time"] == reference[key]["Some of the time"] - 1
      else:
        assert value == reference[key], (name, key, value, reference[key])

  microsoft_forms_workbook(people, overrides)
  write_platform_readme(people, specials, overrides, results, tallies)


def describe_index(results, name, index):
  return "data row %d (%s)" % (index + 1, results[name]["ids"][index])


def write_platform_readme(people, specials, overrides, results, tallies):
  reference = tallies["surveymonkey.csv"]
  google = tallies["google-forms.csv"]
  q_names = {"ucla0": UCLA_QUESTIONS[0], "ucla1": UCLA_QUESTIONS[1], "ucla2": UCLA_QUESTIONS[2],
             "direct": DIRECT_QUESTION}

  out = []
  out.append("# Platform exports: one council survey, five survey platforms\n\n")
  out.append(
    "The *Connected Communities survey 2026* of a fictional council: the ONS loneliness measure "
    "(the three UCLA-based questions and the direct question), SWEMWBS (7 items), age band, "
    "gender, ward, a multi-select \"%s\" and a free-text comment.\n\n" % OTHER_QUESTIONS["used"])
  out.append(
    "The **same %d invented respondents** are exported five times, once per platform, in the "
    "layout that platform produces. Nobody would really run one survey on five platforms; the "
    "point is that a council officer may receive any of these files, and a tool that reads them "
    "correctly must get **identical tallies from all five** (except where one file contains an "
    "invalid answer on purpose, see below). Respondents are in the same order in every file. "
    "Answers are correlated through one latent loneliness/wellbeing value per respondent.\n\n"
    % COUNCIL_N)
  out.append("SWEMWBS items are named only by their key phrases. %s\n\n" % SWEMWBS_NOTICE)

  out.append("## Files\n\n")
  file_rows = [
    ("surveymonkey.csv", "UTF-8 with BOM", "CRLF", "2",
     "9 metadata columns (Respondent ID, Collector ID, Start Date, End Date, IP Address, Email "
     "Address, First Name, Last Name, Custom Data 1); row 1 holds question text, row 2 holds "
     "`Response`, `Open-Ended Response` or the grid row / option; grid and multi-select questions "
     "span several columns with the question text only above the first"),
    ("qualtrics.csv", "UTF-8, no BOM", "LF", "3",
     "row 1 Q-ids (`Q1`..`Q4`, `Q5_1`..`Q5_7`, `Q6`..`Q10`), row 2 question text (grid as "
     "`Wellbeing (SWEMWBS) - Optimistic`), row 3 ImportId JSON (`{\"ImportId\":\"QID5_1\"}`); "
     "17 metadata columns StartDate … UserLanguage; every field quoted"),
    ("microsoft-forms.csv", "Windows-1252", "CRLF", "1",
     "ID, Start time, Completion time, Email (`anonymous`), Name, then numbered questions "
     "`1. How often…`; grid rows as `5. Wellbeing (SWEMWBS).Optimistic`"),
    ("google-forms.csv", "UTF-8, no BOM", "LF", "1",
     "Timestamp, then question text; grid rows as `Wellbeing (SWEMWBS) [Optimistic]`"),
    ("smartsurvey.csv", "UTF-8 with BOM", "CRLF", "1",
     "UserNo, Name, Email, IP Address, Unique ID, Started, Ended, Tracking Link, Custom Value, "
     "then `Q1. …`; grid rows as `Q5. Wellbeing (SWEMWBS): Optimistic`; multi-select one column "
     "per option `Q9. …: Library`"),
  ]
  table_rows = []
  for name, encoding, newline, headers, layout in file_rows:
    table_rows.append((
      "`%s`" % name, encoding, newline, headers, results[name]["width"], COUNCIL_N, layout))
    if name == "microsoft-forms.csv":
      table_rows.append((
        "`microsoft-forms.xlsx`", "Excel workbook", "", "1",
        results[name]["width"], COUNCIL_N,
        "Microsoft Forms' own download (sheet `Sheet1`): the same columns, the ID a number, "
        "the times dates, text in the shared string table"))
  out.append(markdown_table(
    ["File", "Encoding", "Line ends", "Header rows", "Columns", "Data rows", "Layout"],
    table_rows))
  out.append("\n")
  out.append(
    "Microsoft Forms downloads responses only as an Excel workbook; `microsoft-forms.csv` is "
    "that workbook saved again by Excel as CSV, so the two hold the same answers.\n\n")
  out.append(
    "All files are rectangular (every row has the same number of fields). Fields are quoted only "
    "when they contain a comma, a quote or a line break (Qualtrics quotes every field). Comments "
    "may contain a line break inside a quoted field (LF inside the field, whatever the file's row "
    "ending).\n\n")

  out.append("### Multi-select \"%s\"\n\n" % OTHER_QUESTIONS["used"])
  out.append(
    "- SurveyMonkey and SmartSurvey: one column per option; the cell holds the option text when "
    "ticked, blank otherwise.\n"
    "- Qualtrics: the chosen labels joined with `,` (no space) in one cell.\n"
    "- Microsoft Forms: the chosen labels each followed by `;`, so the cell ends in `;` "
    "(`Library;Community centre;`).\n"
    "- Google Forms: the chosen labels joined with `, `.\n\n")

  out.append("### Dates\n\n")
  out.append(
    "SurveyMonkey uses US order with AM/PM (`03/02/2026 09:14:22 AM` is 2 March); Qualtrics "
    "`2026-03-02 09:14:22`; Microsoft Forms, as re-saved by Excel with UK settings, `02/03/2026 "
    "09:14` (no seconds); Google Forms and SmartSurvey `02/03/2026 09:14:22`. Google Forms has "
    "only the submission time (`Timestamp`). Times are UK local time (GMT).\n\n")

  out.append("## Deliberate quirks\n\n")
  out.append("Shared by all five files (they are in the underlying answers):\n\n")
  sm = "surveymonkey.csv"
  out.append("- One respondent answered nothing of SWEMWBS: data row %d in every file "
             "(SurveyMonkey Respondent ID %s).\n" % (
               specials["no swemwbs"] + 1, results[sm]["ids"][specials["no swemwbs"]]))
  out.append("- Blank answers: \"%s\" is blank for data row %d; the UCLA questions are blank for "
             "data rows %d, %d and %d (one question each, in question order); single SWEMWBS "
             "items are blank for %s.\n" % (
               DIRECT_QUESTION, specials["direct blank"] + 1,
               specials["ucla blank 0"] + 1, specials["ucla blank 1"] + 1,
               specials["ucla blank 2"] + 1,
               ", ".join("data row %d (%s)" % (specials["swemwbs blank %d" % i] + 1,
                                               SWEMWBS_KEYS[i]) for i in [2, 4, 5, 6])))
  out.append("- \"%s\" answered \"%s\" by data rows %s.\n" % (
    DIRECT_QUESTION, PREFER_NOT_TO_SAY,
    " and ".join(str(i + 1) for i in specials["direct prefer not to say"])))
  out.append("- \"%s\" answered by data row %d to \"%s\" and by data row %d to \"%s\" "
             "(Microsoft Forms spells it `Don’t know` with a typographic apostrophe).\n" % (
               DONT_KNOW, specials["ucla don't know"][0] + 1, UCLA_QUESTIONS[0],
               specials["ucla don't know"][1] + 1, UCLA_QUESTIONS[2]))
  out.append("- Some free-text comments contain commas, double quotes, `’`, `£`, `–` or a line "
             "break.\n\n")

  out.append("Per file:\n\n")
  by_file = {}
  for (name, index, key), value in sorted(overrides.items()):
    by_file.setdefault(name, []).append((index, key, value))
  notes = {
    "surveymonkey.csv": [
      "The header of \"%s\" contains a non-breaking space (U+00A0) between `feel` and "
      "`lonely`." % DIRECT_QUESTION],
    "qualtrics.csv": [],
    "microsoft-forms.csv": [
      "Encoded as Windows-1252, not UTF-8 (`’` is byte 0x92, `£` is 0xA3, `–` is 0x96).",
      "The form's author typed the direct question's top option as `Often / always`, so every "
      "Often/always answer appears that way; and `Don’t know` with a typographic apostrophe."],
    "google-forms.csv": [],
    "smartsurvey.csv": [
      "No public specification of SmartSurvey's export layout was found; this layout is a "
      "plausible guess (see the header list above), to be checked against real exports.",
      "The survey's author typed the direct question's top option as `often or always`, so every "
      "Often/always answer appears that way."],
  }
  key_names = dict(q_names)
  for i, phrase in enumerate(SWEMWBS_KEYS):
    key_names["swem%d" % i] = "SWEMWBS %s" % phrase
  for name in ["surveymonkey.csv", "qualtrics.csv", "microsoft-forms.csv", "google-forms.csv",
               "smartsurvey.csv"]:
    out.append("- `%s`:\n" % name)
    for note in notes[name]:
      out.append("  - %s\n" % note)
    for index, key, value in by_file.get(name, []):
      original = answer_cells(people[index])[key]
      extra = ""
      if value == "Sometimes":
        extra = (" — **invalid**: not an option of the direct question (typed into an \"Other\" "
                 "box); it should be reported, not counted")
      if value != value.strip():
        extra = " (with a trailing space)"
      out.append("  - %s, \"%s\": `%s` instead of `%s`%s.\n" % (
        describe_index(results, name, index), key_names[key], value, original, extra))
  out.append(
    "\n\"Data row n\" is the n-th respondent record after the header rows (not the n-th "
    "physical line: a comment with a line break spans two lines).\n\n")

  out.append("## Expected tallies\n\n")
  out.append(
    "Computed by `generate.py` from the written files, matching answers after trimming and "
    "collapsing white space (including non-breaking spaces), ignoring case, treating `’` as `'`, "
    "and accepting `Often / always` and `often or always` as `Often/always`. The base is the "
    "number of valid answers (non-answers, blanks and invalid answers excluded). Identical in all "
    "five files except where noted.\n\n")
  for key in ["direct", "ucla0", "ucla1", "ucla2"]:
    options = DIRECT_OPTIONS if key == "direct" else UCLA_OPTIONS
    value = reference[key]
    out.append("### %s\n\n" % q_names[key])
    header = ["Answer", "Count", "% of base"]
    rows = [(option, value[option], percent(value[option], value["base"])) for option in options]
    rows.append(("**Base (valid answers)**", value["base"], ""))
    for label in [PREFER_NOT_TO_SAY, DONT_KNOW]:
      if value[label]:
        rows.append((label, value[label], "not in base"))
    rows.append(("(blank)", value["(blank)"], "not in base"))
    if key == "direct":
      header = ["Answer", "Count (four files)", "% of base", "google-forms.csv"]
      rows = [row + (google[key][row[0]] if row[0] in google[key] else "",) for row in rows]
      rows[len(options)] = ("**Base (valid answers)**", value["base"], "", google[key]["base"])
      rows.append(("(invalid)", 0, "", "%d (`Sometimes`)" % google[key]["(invalid)"]))
    out.append(markdown_table(header, rows))
    out.append("\n")
  out.append(
    "In `google-forms.csv` the one respondent who typed `Sometimes` is counted as invalid, so "
    "\"Some of the time\" is %d there instead of %d, and the base is %d instead of %d (the other "
    "four files agree with each other).\n\n" % (
      google["direct"]["Some of the time"], reference["direct"]["Some of the time"],
      google["direct"]["base"], reference["direct"]["base"]))
  often = reference["direct"]["Often/always"]
  out.append("Headline: %d of %d (%s) lonely often/always in four files; %d of %d (%s) in "
             "`google-forms.csv`.\n\n" % (
               often, reference["direct"]["base"], percent(often, reference["direct"]["base"]),
               often, google["direct"]["base"], percent(often, google["direct"]["base"])))

  out.append("### SWEMWBS items\n\n")
  rows = []
  for i, phrase in enumerate(SWEMWBS_KEYS):
    value = reference["swem%d" % i]
    rows.append([phrase] + [value[option] for option in SWEMWBS_OPTIONS] +
                [value["base"], value["(blank)"]])
  out.append(markdown_table(["Item"] + SWEMWBS_OPTIONS + ["Base", "(blank)"], rows))
  complete, raw_total = reference["swemwbs complete"]
  out.append("\nRespondents with all seven SWEMWBS items answered: %d; the sum of their raw "
             "scores (7–35, None of the time = 1 … All of the time = 5) is %d, mean raw score "
             "%.2f.\n\n" % (complete, raw_total, raw_total / complete))
  out.append(COMMANDS_SECTION)
  write_text("platform-exports/README.md", keeping_commands("platform-exports/README.md", "".join(out)))


# ---------------------------------------------------------------------------------------------
# 2. kent-esurvey: reproduces published figures exactly
# ---------------------------------------------------------------------------------------------

KENT_DISTRICTS = [
  ("Ashford", 31), ("Canterbury", 38), ("Dartford", 3), ("Dover", 22),
  ("Folkestone and Hythe", 27), ("Gravesham", 2), ("Maidstone", 41), ("Sevenoaks", 24),
  ("Swale", 4), ("Thanet", 33), ("Tonbridge and Malling", 19), ("Tunbridge Wells", 24),
]
KENT_N = 268
KENT_LONELY_QUESTION = "Over the last six weeks, how often have you felt lonely?"
KENT_LONELY = [("All of the time", 31), ("Often", 66), ("Some of the time", 81),
               ("Occasionally", 40), ("Hardly ever", 28), ("Never", 16)]
KENT_USUAL_QUESTION = "Is this usual for you?"
KENT_USUAL = [("Yes", 125), ("No", 135)]
KENT_LOCKDOWN_QUESTION = "Do you think this is in response to lockdown?"
KENT_LOCKDOWN = [("Yes", 153), (DONT_KNOW, 6), ("No", 105)]
KENT_HELP_QUESTION = "Which of these would help?"
KENT_HELP = ["A regular phone call", "Someone to talk to", "Online activities",
             "Help with shopping", "Information about local groups", "Nothing"]
KENT_COMMENTS = [
  "Living alone, no visitors since March.",
  'My "bubble" is just me and the cat.',
  "Thanks for asking.\nIt made me ring my neighbour for the first time in weeks.",
  "Phone calls from the council, the church and my daughter have kept me going.",
  "I'm a carer, so I never get out anyway.",
  "Zoom quiz on Fridays is the highlight of my week",
  "Missing the grandchildren, but we wave through the window.",
  "Working from home, alone, all day, every day.",
  "Please keep the library's \"call and collect\" going.",
  "I was lonely before all this, to be honest.",
  "No",
  "Fine thanks",
  "The volunteers who bring my shopping, and stop for a chat, are wonderful.",
  "Would like information about groups near me.",
]


def generate_kent():
  rng = random.Random(2020050)
  districts = [name for name, count in KENT_DISTRICTS for _ in range(count)]
  assert len(districts) == KENT_N
  rng.shuffle(districts)
  latent = [rng.gauss(0, 1) for _ in range(KENT_N)]

  order = list(range(KENT_N))
  rng.shuffle(order)
  all_blank = sorted(order[:4])
  lonely_and_usual_blank = sorted(order[4:6])
  usual_only_blank = sorted(order[6:8])
  lonely_answered = [i for i in range(KENT_N) if i not in all_blank + lonely_and_usual_blank]
  usual_answered = [i for i in lonely_answered if i not in usual_only_blank]
  lockdown_answered = [i for i in range(KENT_N) if i not in all_blank]
  assert (len(lonely_answered), len(usual_answered), len(lockdown_answered)) == (262, 260, 264)

  lonely_score = [value + 0.35 * rng.gauss(0, 1) for value in latent]
  lonely = rank_assign(rng, lonely_answered, lonely_score, KENT_LONELY)
  usual_score = [0.5 * value + rng.gauss(0, 1) for value in latent]
  usual = rank_assign(rng, usual_answered, usual_score, KENT_USUAL)
  lockdown_score = [(-0.8 if usual.get(i) == "Yes" else 0.0) + rng.gauss(0, 1)
                    for i in range(KENT_N)]
  lockdown = rank_assign(rng, lockdown_answered, lockdown_score, KENT_LOCKDOWN)

  moment = datetime.datetime(2020, 5, 11, 9, 0, 0)
  respondent_id = 40213
  header = ["Respondent ID", "Started", "Which district do you live in?", "What is your age?",
            "What is your gender?", KENT_LONELY_QUESTION, KENT_USUAL_QUESTION,
            KENT_LOCKDOWN_QUESTION, KENT_HELP_QUESTION, "Any other comments?"]
  rows = [header]
  commenters = sorted(rng.sample(range(KENT_N), 60))
  pool = list(KENT_COMMENTS)
  rng.shuffle(pool)
  comments = {}
  for position, index in enumerate(commenters):
    comments[index] = pool[position] if position < len(pool) else rng.choice(
      ["No", "Fine thanks", "Thank you", "Stay safe everyone"])
  for index in range(KENT_N):
    moment += datetime.timedelta(minutes=rng.randint(20, 340))
    if moment.hour >= 23 or moment.hour < 7:
      moment = moment.replace(hour=7, minute=rng.randint(0, 59)) + datetime.timedelta(
        days=1 if moment.hour >= 23 else 0)
    respondent_id += rng.randint(1, 4)
    age = weighted_choice(rng, list(zip(AGE_BANDS, [6, 12, 14, 17, 20, 18, 10, 3])))
    gender = weighted_choice(rng, [("Female", 62), ("Male", 33), ("Other", 1),
                                   (PREFER_NOT_TO_SAY, 4)])
    help_chosen = [option for option, chance in zip(KENT_HELP[:-1], [0.3, 0.35, 0.25, 0.15, 0.3])
                   if rng.random() < chance]
    if not help_chosen and rng.random() < 0.6:
      help_chosen = ["Nothing"]
    rows.append([
      str(respondent_id), moment.strftime("%d/%m/%Y %H:%M"), districts[index], age, gender,
      lonely.get(index, ""), usual.get(index, ""), lockdown.get(index, ""), ", ".join(help_chosen),
      comments.get(index, ""),
    ])
  data = write_csv("kent-esurvey/export.csv", rows, encoding="utf-8", bom=True, newline="\r\n")
  parsed = read_back(data, "utf-8", 1)
  assert len(parsed) == KENT_N

  lonely_tally = tally([row[5] for row in parsed], [label for label, _ in KENT_LONELY], [])
  usual_tally = tally([row[6] for row in parsed], ["Yes", "No"], [])
  lockdown_tally = tally([row[7] for row in parsed], ["Yes", "No"], [DONT_KNOW])
  for label, count in KENT_LONELY:
    assert lonely_tally[label] == count
  assert lonely_tally["base"] == 262 and lonely_tally["(blank)"] == 6
  assert (usual_tally["Yes"], usual_tally["No"], usual_tally["base"]) == (125, 135, 260)
  assert (lockdown_tally["Yes"], lockdown_tally["No"], lockdown_tally[DONT_KNOW],
          lockdown_tally["base"], lockdown_tally["(blank)"]) == (153, 105, 6, 258, 4)
  district_counts = Counter(row[2] for row in parsed)
  help_counts = Counter(option for row in parsed for option in row[8].split(", ") if option)
  help_answered = sum(1 for row in parsed if row[8])
  age_counts = Counter(row[3] for row in parsed)
  gender_counts = Counter(row[4] for row in parsed)
  comment_count = sum(1 for row in parsed if row[9])

  out = []
  out.append("# Kent e-survey: loneliness during lockdown\n\n")
  out.append(
    "A council e-survey export of the kind an engagement team downloads from its survey platform "
    "(SmartSurvey-like layout: one header row, UTF-8 with BOM, CRLF row endings). The respondents "
    "and their other answers are invented, but the loneliness questions are built so that the "
    "tallies **reproduce a set of published figures exactly**: a tool run on this file must "
    "print these numbers.\n\n")
  out.append("## File\n\n")
  out.append("`export.csv`: %d data rows, %d columns, one header row:\n\n" % (KENT_N, len(header)))
  for column in header:
    out.append("- `%s`\n" % column)
  out.append(
    "\n`Started` is `dd/mm/yyyy hh:mm` (UK local time, May–June 2020). \"%s\" is a multi-select "
    "with the chosen options joined by `, ` in one cell (options: %s; no option contains a "
    "comma). Free-text comments contain commas, double quotes and, in one case, a line break "
    "inside the quoted field.\n\n" % (KENT_HELP_QUESTION, ", ".join("`%s`" % o for o in KENT_HELP)))

  out.append("## Expected tallies\n\n")
  out.append("Bases differ on purpose: some respondents left some of the three questions "
             "blank.\n\n")
  out.append("### %s\n\n" % KENT_LONELY_QUESTION)
  rows_md = [(label, count, percent(count, 262)) for label, count in KENT_LONELY]
  rows_md.append(("**Base (answered)**", 262, "100%"))
  rows_md.append(("(blank)", 6, "not in base"))
  out.append(markdown_table(["Answer", "Count", "% of base"], rows_md))
  out.append("\nAll of the time or often: 97 of 262 = 37%% (%s). Some of the time: 81 = 31%% "
             "(%s).\n\n" % (percent(97, 262), percent(81, 262)))
  out.append("### %s\n\n" % KENT_USUAL_QUESTION)
  out.append(markdown_table(["Answer", "Count", "% of base"], [
    ("Yes", 125, percent(125, 260)), ("No", 135, percent(135, 260)),
    ("**Base (answered)**", 260, "100%"), ("(blank)", 8, "not in base")]))
  out.append("\nNo: 135 of 260 = 52%.\n\n")
  out.append("### %s\n\n" % KENT_LOCKDOWN_QUESTION)
  out.append(markdown_table(["Answer", "Count", "% of base"], [
    ("Yes", 153, percent(153, 258)), ("No", 105, percent(105, 258)),
    ("**Base (answered Yes or No)**", 258, "100%"),
    ("Don't know", 6, "missing answer (reason: don't know), not in base"),
    ("(blank)", 4, "not in base")]))
  out.append("\n\"Don't know\" is treated as a missing answer with its reason, so the base is "
             "258 and Yes is 153 of 258 = 59%.\n\n")
  out.append("### Who left what blank\n\n")
  out.append(
    "- %d respondents left all three questions blank.\n"
    "- %d left the loneliness question and \"%s\" blank but answered the lockdown question.\n"
    "- %d answered the loneliness question but left \"%s\" blank.\n\n" % (
      len(all_blank), len(lonely_and_usual_blank), KENT_USUAL_QUESTION, len(usual_only_blank),
      KENT_USUAL_QUESTION))

  out.append("### Districts\n\n")
  out.append("Three districts are deliberately tiny so that disclosure control has something to "
             "suppress.\n\n")
  out.append(markdown_table(["District", "Respondents"],
                            [(name, district_counts[name]) for name, _ in KENT_DISTRICTS]))
  out.append("\n### Other columns\n\n")
  out.append(markdown_table(["Age", "Respondents"],
                            [(band, age_counts[band]) for band in AGE_BANDS]))
  out.append("\n")
  out.append(markdown_table(["Gender", "Respondents"],
                            [(g, gender_counts[g]) for g in ["Female", "Male", "Other",
                                                             PREFER_NOT_TO_SAY]]))
  out.append("\n\"%s\": %d respondents ticked at least one option (%d left it blank).\n\n" % (
    KENT_HELP_QUESTION, help_answered, KENT_N - help_answered))
  out.append(markdown_table(["Option", "Times chosen"],
                            [(option, help_counts[option]) for option in KENT_HELP]))
  out.append("\nNon-empty comments: %d.\n\n" % comment_count)
  out.append(COMMANDS_SECTION)
  write_text("kent-esurvey/README.md", keeping_commands("kent-esurvey/README.md", "".join(out)))


# ---------------------------------------------------------------------------------------------
# 3. provider-outcomes: baseline and 12-week follow-up of a social prescribing service
# ---------------------------------------------------------------------------------------------

PROVIDER_CLIENTS = 120
WORKERS = ["Aisha Khan", "Ben Morgan", "Carys Evans", "Dev Patel"]
REFERRAL_SOURCES = [("GP", 45), ("Self-referral", 20), ("Housing", 10),
                    ("Adult social care", 15), ("Voluntary sector", 10)]
PROVIDER_ANSWER_HEADERS = ONS_LONELINESS_QUESTIONS + ["SWEMWBS - %s" % k for k in SWEMWBS_KEYS]


def provider_answers(rng, loneliness, wellbeing):
  ucla = [UCLA_OPTIONS[cut(0.8 * loneliness + 0.55 * rng.gauss(0, 1), [0.15, 1.05])]
          for _ in UCLA_QUESTIONS]
  direct = DIRECT_OPTIONS[4 - cut(0.85 * loneliness + 0.45 * rng.gauss(0, 1),
                                  [-0.9, -0.1, 0.6, 1.35])]
  swemwbs = [SWEMWBS_OPTIONS[cut(0.8 * wellbeing + 0.55 * rng.gauss(0, 1),
                                 [-1.45, -0.5, 0.5, 1.45])] for _ in SWEMWBS_KEYS]
  return ucla + [direct] + swemwbs


def swemwbs_raw(answers):
  codes = [SWEMWBS_OPTIONS.index(a) + 1 if a in SWEMWBS_OPTIONS else None for a in answers[4:]]
  return sum(codes) if all(code is not None for code in codes) else None


def ucla_score(answers):
  codes = [UCLA_OPTIONS.index(a) + 1 if a in UCLA_OPTIONS else None for a in answers[:3]]
  return sum(codes) if all(code is not None for code in codes) else None


def generate_provider():
  rng = random.Random(120012)
  ids = ["LW-%04d" % (number + 1) for number in range(PROVIDER_CLIENTS)]
  order = list(range(PROVIDER_CLIENTS))
  rng.shuffle(order)
  follow_up_only = sorted(order[:2])
  lost = sorted(order[2:22])
  duplicated = order[22]

  records = []  # (client index, wave, date, answers)
  clients = []
  for index in range(PROVIDER_CLIENTS):
    loneliness = rng.gauss(0.7, 0.8)
    wellbeing = -0.55 * loneliness + 0.75 * rng.gauss(0, 1) - 0.35
    change = rng.gauss(0.36, 0.55)
    later_loneliness = loneliness - 0.8 * change + 0.25 * rng.gauss(0, 1)
    later_wellbeing = wellbeing + change + 0.2 * rng.gauss(0, 1)
    start = datetime.date(2025, 4, 1) + datetime.timedelta(days=rng.randint(0, 180))
    follow = start + datetime.timedelta(days=84 + rng.randint(-6, 12))
    client = {
      "id": ids[index], "worker": weighted_choice(rng, [(w, 1) for w in WORKERS]),
      "referral": weighted_choice(rng, REFERRAL_SOURCES),
      "age": weighted_choice(rng, list(zip(AGE_BANDS, [6, 9, 10, 14, 18, 22, 19, 2]))),
    }
    clients.append(client)
    baseline_answers = provider_answers(rng, loneliness, wellbeing)
    follow_answers = provider_answers(rng, later_loneliness, later_wellbeing)
    if index not in follow_up_only:
      records.append((index, "baseline", start, baseline_answers))
      if index == duplicated:
        records.append((index, "baseline", start + datetime.timedelta(days=3),
                        list(baseline_answers)))
    if index not in lost:
      records.append((index, "12 weeks", follow, follow_answers))

  # A few missing items.
  baseline_records = [r for r in records if r[1] == "baseline" and r[0] != duplicated]
  follow_records = [r for r in records if r[1] == "12 weeks"]
  missing_notes = []
  for record, item in zip(rng.sample(baseline_records, 3), [5, 8, 10]):
    record[3][item] = ""
    missing_notes.append((ids[record[0]], "baseline", PROVIDER_ANSWER_HEADERS[item]))
  for record, item in zip(rng.sample(follow_records, 3), [1, 2, 3]):
    record[3][item] = ""
    missing_notes.append((ids[record[0]], "12 weeks", PROVIDER_ANSWER_HEADERS[item]))

  records.sort(key=lambda r: (r[2], r[0], r[1]))
  base_header = ["client_id", "wave", "date", "worker", "referral_source", "age_band"]
  long_rows = [base_header + PROVIDER_ANSWER_HEADERS]
  baseline_rows = [[h for h in base_header if h != "wave"] + PROVIDER_ANSWER_HEADERS]
  follow_rows = [list(baseline_rows[0])]
  for index, wave, date, answers in records:
    client = clients[index]
    row = [client["id"], wave, date.isoformat(), client["worker"], client["referral"],
           client["age"]] + answers
    long_rows.append(row)
    (baseline_rows if wave == "baseline" else follow_rows).append(row[:1] + row[2:])
  options = {"encoding": "utf-8", "bom": False, "newline": "\n"}
  write_csv("provider-outcomes/outcomes-long.csv", long_rows, **options)
  write_csv("provider-outcomes/baseline.csv", baseline_rows, **options)
  write_csv("provider-outcomes/followup.csv", follow_rows, **options)

  # Facts for the README.
  baseline_ids = sorted({r[0] for r in records if r[1] == "baseline"})
  follow_ids = sorted({r[0] for r in records if r[1] == "12 weeks"})
  paired = sorted(set(baseline_ids) & set(follow_ids))
  assert len(baseline_ids) == 118 and len(follow_ids) == 100 and len(paired) == 98
  first_baseline = {}
  for index, wave, date, answers in records:
    if wave == "baseline" and index not in first_baseline:
      first_baseline[index] = answers
  follow_by_index = {r[0]: r[3] for r in records if r[1] == "12 weeks"}
  changes = []
  ucla_changes = []
  for index in paired:
    before = swemwbs_raw(first_baseline[index])
    after = swemwbs_raw(follow_by_index[index])
    if before is not None and after is not None:
      changes.append(after - before)
    before_ucla = ucla_score(first_baseline[index])
    after_ucla = ucla_score(follow_by_index[index])
    if before_ucla is not None and after_ucla is not None:
      ucla_changes.append(after_ucla - before_ucla)
  mean_change = sum(changes) / len(changes)
  assert 2.0 <= mean_change <= 3.0, mean_change
  mean_ucla_change = sum(ucla_changes) / len(ucla_changes)
  assert mean_ucla_change < 0

  def direct_tally(answer_sets):
    return tally([answers[3] for answers in answer_sets], DIRECT_OPTIONS, [])

  baseline_direct = direct_tally([first_baseline[i] for i in baseline_ids])
  follow_direct = direct_tally([follow_by_index[i] for i in follow_ids])
  paired_before = direct_tally([first_baseline[i] for i in paired])
  paired_after = direct_tally([follow_by_index[i] for i in paired])

  dup_rows = [r for r in records if r[0] == duplicated]
  dup_dates = [r[2].isoformat() for r in dup_rows if r[1] == "baseline"]

  out = []
  out.append("# Provider outcomes: Link Well social prescribing, baseline and 12 weeks\n\n")
  out.append(
    "\"Link Well\" is a fictional social prescribing service. Link workers ask each client the "
    "ONS loneliness measure (four questions) and SWEMWBS (seven items) when they start "
    "(baseline) and again at 12 weeks, and record the answers in the service's case-management "
    "system, which exports CSV. This is the data a charity has when it reports outcomes to a "
    "funder. All clients, workers and answers are invented.\n\n")
  out.append("SWEMWBS columns are named by key phrase only (`SWEMWBS - Optimistic` …). %s\n\n"
             % SWEMWBS_NOTICE)
  out.append("## Files\n\n")
  out.append(markdown_table(["File", "Data rows", "Content"], [
    ("`outcomes-long.csv`", len(long_rows) - 1,
     "one row per client per wave, sorted by date as entered"),
    ("`baseline.csv`", len(baseline_rows) - 1, "the baseline rows, without the `wave` column"),
    ("`followup.csv`", len(follow_rows) - 1, "the 12-week rows, without the `wave` column"),
  ]))
  out.append(
    "\nUTF-8 without BOM, LF row endings, one header row. Columns: `client_id` (`LW-0001` …), "
    "`wave` (`baseline` or `12 weeks`, long file only), `date` (ISO `yyyy-mm-dd`), `worker`, "
    "`referral_source`, `age_band`, then the four ONS loneliness questions with their full "
    "wording as headers and the seven `SWEMWBS - <key phrase>` columns. Answers are the option "
    "labels (%s; %s; %s).\n\n" % (
      " / ".join(UCLA_OPTIONS), " / ".join(DIRECT_OPTIONS), " / ".join(SWEMWBS_OPTIONS)))
  out.append("## Expected facts\n\n")
  out.append("- Clients: %d distinct ids.\n" % PROVIDER_CLIENTS)
  out.append("- Baseline: %d rows for %d distinct clients.\n" % (len(baseline_rows) - 1,
                                                                len(baseline_ids)))
  out.append("- 12 weeks: %d rows for %d distinct clients.\n" % (len(follow_rows) - 1,
                                                                len(follow_ids)))
  out.append("- Paired (baseline and 12 weeks): **%d** clients.\n" % len(paired))
  out.append("- Baseline only (lost to follow-up), %d: %s.\n" % (
    len(lost), ", ".join(ids[i] for i in lost)))
  out.append("- 12 weeks only (no baseline), %d: %s.\n" % (
    len(follow_up_only), ", ".join(ids[i] for i in follow_up_only)))
  out.append("- Duplicate: **%s** has two baseline rows (entered twice), identical except the "
             "date (%s and %s). A tool should report it, not count the client twice.\n" % (
               ids[duplicated], dup_dates[0], dup_dates[1]))
  out.append("- Missing items (blank cells):\n")
  for client_id, wave, header in sorted(missing_notes):
    out.append("  - %s, %s: \"%s\"\n" % (client_id, wave, header))
  out.append("\n### Change among paired clients\n\n")
  out.append(
    "Figures below use the first baseline row of the duplicated client (both are identical "
    "apart from the date).\n\n")
  improved = sum(1 for c in changes if c > 0)
  worse = sum(1 for c in changes if c < 0)
  same = sum(1 for c in changes if c == 0)
  out.append(
    "- SWEMWBS raw score (7–35), paired clients with all seven items at both waves: n = %d, sum "
    "of changes = %d, mean change = %+.2f points; %d higher, %d lower, %d unchanged.\n" % (
      len(changes), sum(changes), mean_change, improved, worse, same))
  out.append(
    "- UCLA-3 score (3–9, higher is lonelier), paired clients with all three items at both "
    "waves: n = %d, sum of changes = %d, mean change = %+.2f; %d lower (better), %d higher, "
    "%d unchanged.\n\n" % (
      len(ucla_changes), sum(ucla_changes), mean_ucla_change,
      sum(1 for c in ucla_changes if c < 0), sum(1 for c in ucla_changes if c > 0),
      sum(1 for c in ucla_changes if c == 0)))
  out.append("### \"%s\"\n\n" % DIRECT_QUESTION)
  rows_md = []
  for option in DIRECT_OPTIONS:
    rows_md.append((option, baseline_direct[option], follow_direct[option],
                    paired_before[option], paired_after[option]))
  rows_md.append(("**Base**", baseline_direct["base"], follow_direct["base"],
                  paired_before["base"], paired_after["base"]))
  rows_md.append(("(blank)", baseline_direct["(blank)"], follow_direct["(blank)"],
                  paired_before["(blank)"], paired_after["(blank)"]))
  out.append(markdown_table(
    ["Answer", "Baseline (distinct clients)", "12 weeks (all)", "Paired: baseline",
     "Paired: 12 weeks"], rows_md))
  out.append("\n")
  out.append(COMMANDS_SECTION)
  write_text("provider-outcomes/README.md", keeping_commands("provider-outcomes/README.md", "".join(out)))


# ---------------------------------------------------------------------------------------------
# 4. cohort-comparison: befriending programme, intervention versus comparison group
# ---------------------------------------------------------------------------------------------

COHORT_AREAS = ["Eastfield", "Millbrook", "Stonebridge"]
COHORT_GROUPS = [
  # name, size, latent mean, blank direct answers, exact direct-question counts (in option order)
  ("intervention", 150, -0.2, 2, [18, 34, 38, 33, 25]),
  ("comparison", 170, 0.15, 3, [33, 40, 39, 31, 24]),
]


def clip(value, low, high):
  return max(low, min(high, value))


def generate_cohort():
  rng = random.Random(31415)
  header = ["respondent_id", "area", "age_band"] + ONS_LONELINESS_QUESTIONS + ONS4_QUESTIONS
  combined = [["respondent_id", "group"] + header[1:]]
  group_results = {}
  for name, size, mean, blanks, direct_counts in COHORT_GROUPS:
    latent = [rng.gauss(mean, 1) for _ in range(size)]
    order = list(range(size))
    rng.shuffle(order)
    direct_blank = sorted(order[:blanks])
    answered = [i for i in range(size) if i not in direct_blank]
    score = [value + 0.4 * rng.gauss(0, 1) for value in latent]
    direct = rank_assign(rng, answered, score, list(zip(DIRECT_OPTIONS, direct_counts)))
    ons4_blank = {(order[blanks], 1), (order[blanks + 1], 3)}
    ucla_blank = {(order[blanks + 2], 0)}
    rows = [header]
    prefix = "I" if name == "intervention" else "C"
    for i in range(size):
      value = latent[i]
      ucla = [UCLA_OPTIONS[cut(0.8 * value + 0.6 * rng.gauss(0, 1), [0.15, 1.05])]
              for _ in UCLA_QUESTIONS]
      for (index, item) in ucla_blank:
        if index == i:
          ucla[item] = ""
      means = [7.1, 7.5, 7.0, 3.4]
      slopes = [-1.1, -0.9, -1.1, 1.0]
      spreads = [1.2, 1.2, 1.6, 2.1]
      ons4 = []
      for item in range(4):
        number = clip(int(round(means[item] + slopes[item] * value +
                                spreads[item] * rng.gauss(0, 1))), 0, 10)
        ons4.append("" if (i, item) in ons4_blank else str(number))
      area = weighted_choice(rng, [(a, w) for a, w in zip(COHORT_AREAS, [4, 3, 3])])
      age = weighted_choice(rng, list(zip(AGE_BANDS[:-1], [3, 5, 7, 10, 16, 28, 31])))
      row = ["%s%03d" % (prefix, i + 1), area, age] + ucla + [direct.get(i, "")] + ons4
      rows.append(row)
      combined.append(row[:1] + [name] + row[1:])
    options = {"encoding": "utf-8", "bom": False, "newline": "\n"}
    data = write_csv("cohort-comparison/%s.csv" % name, rows, **options)
    parsed = read_back(data, "utf-8", 1)
    result = {"size": size, "rows": parsed}
    result["direct"] = tally([row[6] for row in parsed], DIRECT_OPTIONS, [])
    for option, count in zip(DIRECT_OPTIONS, direct_counts):
      assert result["direct"][option] == count
    result["ucla"] = [tally([row[3 + k] for row in parsed], UCLA_OPTIONS, []) for k in range(3)]
    result["areas"] = Counter(row[1] for row in parsed)
    result["area often"] = Counter(row[1] for row in parsed if row[6] == "Often/always")
    result["area base"] = Counter(row[1] for row in parsed if row[6])
    ons4_stats = []
    for item in range(4):
      values = [int(row[7 + item]) for row in parsed if row[7 + item] != ""]
      ons4_stats.append((len(values), sum(values)))
    result["ons4"] = ons4_stats
    group_results[name] = result
  write_csv("cohort-comparison/combined.csv", combined, encoding="utf-8", bom=False,
            newline="\n")

  intervention = group_results["intervention"]
  comparison = group_results["comparison"]
  out = []
  out.append("# Cohort comparison: a befriending programme\n\n")
  out.append(
    "An evaluation of a fictional befriending programme: people who took part (intervention) "
    "and a comparison group recruited from the same three areas. Both answered the ONS "
    "loneliness measure (four questions) and the ONS4 personal wellbeing questions (0–10). The "
    "intervention group is somewhat less lonely. This is the data an evaluator has when asked "
    "\"is the difference real?\". All people and answers are invented.\n\n")
  out.append("## Files\n\n")
  out.append(markdown_table(["File", "Data rows", "Content"], [
    ("`intervention.csv`", intervention["size"], "intervention group, ids `I001` …"),
    ("`comparison.csv`", comparison["size"], "comparison group, ids `C001` …"),
    ("`combined.csv`", intervention["size"] + comparison["size"],
     "both, with a `group` column (`intervention` / `comparison`) after `respondent_id`"),
  ]))
  out.append(
    "\nUTF-8 without BOM, LF row endings, one header row. Columns: `respondent_id`, (`group`, "
    "combined only), `area` (%s), `age_band`, the four ONS loneliness questions (full wording "
    "as headers, option labels as answers), then the four ONS4 questions (full wording as "
    "headers, answers as plain numbers 0–10, blank when not answered).\n\n" % ", ".join(
      "`%s`" % a for a in COHORT_AREAS))
  out.append("## Expected tallies\n\n")
  out.append("### %s\n\n" % DIRECT_QUESTION)
  rows_md = []
  for option in DIRECT_OPTIONS:
    rows_md.append((option, intervention["direct"][option],
                    percent(intervention["direct"][option], intervention["direct"]["base"]),
                    comparison["direct"][option],
                    percent(comparison["direct"][option], comparison["direct"]["base"])))
  rows_md.append(("**Base (answered)**", intervention["direct"]["base"], "",
                  comparison["direct"]["base"], ""))
  rows_md.append(("(blank)", intervention["direct"]["(blank)"], "",
                  comparison["direct"]["(blank)"], ""))
  out.append(markdown_table(["Answer", "Intervention", "%", "Comparison", "%"], rows_md))
  out.append(
    "\nOften/always: intervention **%d of %d** (%s), comparison **%d of %d** (%s).\n\n" % (
      intervention["direct"]["Often/always"], intervention["direct"]["base"],
      percent(intervention["direct"]["Often/always"], intervention["direct"]["base"]),
      comparison["direct"]["Often/always"], comparison["direct"]["base"],
      percent(comparison["direct"]["Often/always"], comparison["direct"]["base"])))
  out.append("Often/always by area (count / base):\n\n")
  out.append(markdown_table(["Area", "Intervention", "Comparison"], [
    (area, "%d / %d" % (intervention["area often"][area], intervention["area base"][area]),
     "%d / %d" % (comparison["area often"][area], comparison["area base"][area]))
    for area in COHORT_AREAS]))
  out.append("\n### UCLA items\n\n")
  rows_md = []
  for k, question in enumerate(UCLA_QUESTIONS):
    for group_name, result in [("intervention", intervention), ("comparison", comparison)]:
      value = result["ucla"][k]
      rows_md.append([question, group_name] + [value[o] for o in UCLA_OPTIONS] +
                     [value["base"], value["(blank)"]])
  out.append(markdown_table(["Question", "Group"] + UCLA_OPTIONS + ["Base", "(blank)"], rows_md))
  out.append("\n### ONS4 (answered, sum, mean)\n\n")
  rows_md = []
  for item, question in enumerate(ONS4_QUESTIONS):
    cells = [question]
    for result in [intervention, comparison]:
      count, total = result["ons4"][item]
      cells.append("%d, %d, %.2f" % (count, total, total / count))
    rows_md.append(cells)
  out.append(markdown_table(["Question", "Intervention", "Comparison"], rows_md))
  out.append("\n")
  out.append(COMMANDS_SECTION)
  write_text("cohort-comparison/README.md", keeping_commands("cohort-comparison/README.md", "".join(out)))


# ---------------------------------------------------------------------------------------------
# 5. residents-survey: a council residents' survey weighted to the population by age and sex
# ---------------------------------------------------------------------------------------------

RESIDENT_AGES = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]
RESIDENT_SEXES = ["Female", "Male"]
RESIDENT_WARDS = ["Abbey", "Castle", "Harbour", "Westgate"]
# An invented district's adults aged 16 and over, by age band and sex (Female, Male).
RESIDENT_POPULATION = {
  "16-24": (9800, 10300), "25-34": (12100, 11900), "35-44": (11600, 11200),
  "45-54": (12400, 11900), "55-64": (12800, 12300), "65-74": (10400, 9600),
  "75+": (9100, 6700),
}
# The same district's adults by ward (invented; they add up to the age and sex totals), for the
# raking margins.
RESIDENT_WARD_POPULATION = {"Abbey": 45600, "Castle": 30900, "Harbour": 29800, "Westgate": 45800}
# How likely each age band is to answer a postal and online residents' survey (invented): the
# young answer least, so the sample over-represents older residents, as such surveys do.
RESIDENT_RESPONSE = {"16-24": 0.25, "25-34": 0.35, "35-44": 0.5, "45-54": 0.7, "55-64": 0.9,
                     "65-74": 1.1, "75+": 0.9}
# Loneliness is highest among the youngest and the oldest (latent mean by age band).
RESIDENT_LONELINESS = {"16-24": 0.55, "25-34": 0.3, "35-44": 0.05, "45-54": 0.0,
                       "55-64": -0.15, "65-74": -0.2, "75+": 0.35}


def generate_residents():
  rng = random.Random(27182)
  cells = [(age, sex) for age in RESIDENT_AGES for sex in RESIDENT_SEXES]
  population = {(age, sex): RESIDENT_POPULATION[age][index]
                for age in RESIDENT_AGES for index, sex in enumerate(RESIDENT_SEXES)}
  propensity = [(cell, population[cell] * RESIDENT_RESPONSE[cell[0]] *
                 (1.15 if cell[1] == "Female" else 0.85)) for cell in cells]
  size = 640
  people = [weighted_choice(rng, propensity) for _ in range(size)]
  sample = Counter(people)
  assert all(sample[cell] >= 5 for cell in cells), sample
  # Post-stratification weights: population share over sample share, so they average 1.
  total_population = sum(population.values())
  weight_of = {cell: (population[cell] / total_population) / (sample[cell] / size)
               for cell in cells}
  header = ["respondent_id", "ward", "age_band", "sex", "weight"] + ONS_LONELINESS_QUESTIONS + \
    ONS4_QUESTIONS
  rows = [header]
  for index, (age, sex) in enumerate(people):
    value = RESIDENT_LONELINESS[age] + rng.gauss(0, 1)
    ucla = [UCLA_OPTIONS[cut(0.8 * value + 0.6 * rng.gauss(0, 1), [0.2, 1.1])]
            for _ in UCLA_QUESTIONS]
    direct = DIRECT_OPTIONS[4 - cut(value + 0.5 * rng.gauss(0, 1), [-1.1, -0.2, 0.6, 1.3])]
    draw = rng.random()
    if draw < 0.015:
      direct = ""
    elif draw < 0.025:
      direct = PREFER_NOT_TO_SAY
    ons4 = []
    for item, (mean, slope, spread) in enumerate(
        [(7.4, -1.0, 1.3), (7.7, -0.8, 1.3), (7.3, -1.0, 1.7), (3.1, 0.9, 2.2)]):
      number = clip(int(round(mean + slope * value + spread * rng.gauss(0, 1))), 0, 10)
      ons4.append("" if rng.random() < 0.01 else str(number))
    ward = weighted_choice(rng, list(zip(RESIDENT_WARDS, [3, 2, 2, 3])))
    rows.append(["RS-%04d" % (index + 1), ward, age, sex, "%.4f" % weight_of[(age, sex)]] +
                ucla + [direct] + ons4)
  data = write_csv("residents-survey/survey.csv", rows, encoding="utf-8", bom=False,
                   newline="\n")
  parsed = read_back(data, "utf-8", 1)
  assert len(parsed) == size

  # The figures the README states, worked out from the file as written (weights as rounded).
  def often(rows_):
    answered = [row for row in rows_ if row[8] in DIRECT_OPTIONS]
    yes = [row for row in answered if row[8] == "Often/always"]
    weight_answered = sum(float(row[4]) for row in answered)
    weight_yes = sum(float(row[4]) for row in yes)
    return len(yes), len(answered), 100.0 * len(yes) / len(answered), \
      100.0 * weight_yes / weight_answered
  overall = often(parsed)
  by_age = [(age,) + often([row for row in parsed if row[2] == age]) for age in RESIDENT_AGES]
  weights = [float(row[4]) for row in parsed]
  kish = sum(weights) ** 2 / sum(w * w for w in weights)
  direct_tally = tally([row[8] for row in parsed], DIRECT_OPTIONS, [PREFER_NOT_TO_SAY])

  out = []
  out.append("# Residents' survey: weighting to the population\n\n")
  out.append(
    "A fictional district council's residents' survey: %d adults answered the ONS loneliness "
    "measure and the ONS4 personal wellbeing questions. Like most such surveys it heard more "
    "from older residents than from younger ones, so each respondent carries a **post-"
    "stratification weight**: the share of the district's adults in their age band and sex, "
    "divided by that group's share of the respondents. Younger residents, who are lonelier "
    "here, count for more, and the weighted estimate of loneliness is higher than the raw one. "
    "All people, places and answers are invented.\n\n" % size)
  out.append("## File\n\n")
  out.append(
    "`survey.csv`: %d data rows, UTF-8 without BOM, LF row endings, one header row. Columns: "
    "`respondent_id` (`RS-0001` …), `ward` (%s), `age_band`, `sex`, `weight` (four decimals; "
    "mean 1), the four ONS loneliness questions (full wording as headers, option labels as "
    "answers; the direct question is sometimes blank or \"%s\"), then the four ONS4 questions "
    "(0–10, now and then blank). Every respondent gave an age band and sex, which weighting "
    "needs.\n\n" % (size, ", ".join("`%s`" % w for w in RESIDENT_WARDS), PREFER_NOT_TO_SAY))
  out.append(
    "`margins.csv`: the district's adults by age band and sex and by ward, for raking "
    "(`loneliness weight`; see Commands): the header `margin,category,population,note`, then "
    "one row per category. The margin `age_band|sex` crosses the two columns, so its categories "
    "give both values (`16-24|Female`); `ward` has one. Both margins total %s. **The population "
    "figures are invented** (the `note` column says so on every row, and is ignored when the "
    "file is read).\n\n" % "{:,}".format(sum(population.values())))
  out.append("## Weights\n\n")
  rows_md = []
  for age in RESIDENT_AGES:
    for sex in RESIDENT_SEXES:
      rows_md.append((age, sex, "{:,}".format(population[(age, sex)]), sample[(age, sex)],
                      "%.4f" % weight_of[(age, sex)]))
  out.append(markdown_table(["Age band", "Sex", "Adults in the district", "Respondents",
                             "Weight"], rows_md))
  out.append(
    "\nThe population figures are invented. Kish's effective sample size of the weights is "
    "%.1f (of %d respondents).\n\n" % (kish, size))
  out.append("## Expected figures\n\n")
  out.append("### %s\n\n" % DIRECT_QUESTION)
  out.append(markdown_table(["Answer", "Count"],
    [(option, direct_tally[option]) for option in DIRECT_OPTIONS] +
    [("**Base (answered)**", direct_tally["base"]), (PREFER_NOT_TO_SAY,
      direct_tally[PREFER_NOT_TO_SAY]), ("(blank)", direct_tally["(blank)"])]))
  out.append(
    "\nOften/always: **%d of %d**, %.1f%% unweighted and **%.1f%% weighted** (weighted sum of "
    "those answering Often/always over the weighted sum of those answering).\n\n" % overall[:4])
  out.append(markdown_table(["Age band", "Often/always", "Answered", "Unweighted %",
                             "Weighted %"],
    [(age, yes, answered, "%.1f" % raw, "%.1f" % weighted)
     for age, yes, answered, raw, weighted in by_age]))
  out.append(
    "\nWithin an age band the weights differ only by sex, so the weighted and unweighted "
    "percentages of a band are close; overall they differ because the bands are re-balanced.\n\n")
  out.append(COMMANDS_SECTION)
  write_text("residents-survey/README.md",
             keeping_commands("residents-survey/README.md", "".join(out)))
  write_residents_margins(population, parsed)


def write_residents_margins(population, parsed):
  """margins.csv: invented population totals by age band and sex, and by ward, for raking."""
  assert sum(RESIDENT_WARD_POPULATION.values()) == sum(population.values())
  rows = [["margin", "category", "population", "note"]]
  note = "invented"
  for age in RESIDENT_AGES:
    for sex in RESIDENT_SEXES:
      rows.append(["age_band|sex", "%s|%s" % (age, sex), str(population[(age, sex)]), note])
  for ward in RESIDENT_WARDS:
    rows.append(["ward", ward, str(RESIDENT_WARD_POPULATION[ward]), note])
  write_csv("residents-survey/margins.csv", rows, encoding="utf-8", bom=False, newline="\n")
  wards = Counter(row[1] for row in parsed)
  assert all(wards[ward] > 0 for ward in RESIDENT_WARDS), wards


TOP_README = """# Examples

Invented but realistic datasets for trying the toolkit and for tests. Every file here, including
the README files, is written by `generate.py` (Python 3 standard library only, fixed random seeds):

    python3 Examples/generate.py

Running it again reproduces byte-identical files, and the script checks the tallies it states
against the files it has just written.

| Folder | What it is |
|---|---|
| `platform-exports/` | One council survey (ONS loneliness, SWEMWBS, demographics) exported by SurveyMonkey, Qualtrics, Microsoft Forms, Google Forms and SmartSurvey, each with its own layout and quirks; the same respondents in all five |
| `kent-esurvey/` | A council e-survey export whose loneliness tallies reproduce published figures exactly, with small districts for disclosure control |
| `provider-outcomes/` | A social prescribing service's baseline and 12-week outcomes (ONS loneliness, SWEMWBS), in long form and as two files, with unpaired and duplicated clients |
| `cohort-comparison/` | A befriending programme's intervention and comparison groups (ONS loneliness, ONS4) |
| `residents-survey/` | A council residents' survey with post-stratification weights by age and sex (ONS loneliness, ONS4), and population margins by age, sex and ward to rake to |

All people, places below district level, organisations and comments are fictional. SWEMWBS items
appear only as key phrases (\"Optimistic\", \"Useful\", \"Relaxed\", \"Dealing with problems\",
\"Thinking clearly\", \"Close to other people\", \"Make up my own mind\"); the item wording is
licensed and is not reproduced. %s
""" % SWEMWBS_NOTICE


def main():
  write_text("README.md", TOP_README)
  generate_platform_exports()
  generate_kent()
  generate_provider()
  generate_cohort()
  generate_residents()


if __name__ == "__main__":
  main()
