"""Drives the offline form in headless Chromium through WebDriver, as a person would use it.

    python3 Scripts/forms/drive_form.py FORM.html ONE_PAGE_FORM.html HOSTILE.html INSTRUMENTS_DIR OUT_DIR

FORM.html is `loneliness form -i ons-loneliness -i swemwbs -i ons4 --set worker=AB`. The driver
fills 20 responses in it, some with the mouse and some with the keyboard alone (Tab, arrow keys,
Space, Enter), going back and changing answers on the way, reloads the page half-way through a
response and later closes the tab and opens the form again, and checks that nothing was lost, downloads the responses, and checks the CSV file it
downloaded against the answers it gave: the capture file's header, each respondent's id, the
fixed column, every answer's code (worked out here from the instrument files, not from the form),
`captured_at` and `status`. It fills two responses with the keyboard in ONE_PAGE_FORM.html (the
--one-page layout) and checks them too; checks that every input has a label and every group a
legend, that the page fetched nothing, and that HOSTILE.html (an instrument whose text is markup
and script) shows that text as text and runs none of it. Screenshots at 768 and 420 pixels wide go
to OUT_DIR. Writes OUT_DIR/expected.csv (the rows it expects), OUT_DIR/downloads/ (what the form
downloaded) and prints `DOWNLOADED path` lines for the shell script to merge.
"""

import csv
import glob
import json
import os
import random
import re
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

form_path, one_page_path, hostile_path, instruments_dir, out_dir = sys.argv[1:6]
downloads = os.path.join(out_dir, "downloads")
os.makedirs(downloads, exist_ok=True)
for old in glob.glob(os.path.join(downloads, "*")):
    os.remove(old)
screenshots = []


def fail(message):
    sys.exit("check-forms: FAIL: " + message)


def note(message):
    print("check-forms: " + message, flush=True)


# The answers each item takes, from the instrument files: (label, cell) in the form's order.
def load_choices():
    choices = {}
    order = []
    for name in ["ons-loneliness", "swemwbs", "ons4"]:
        with open(os.path.join(instruments_dir, name + ".json"), encoding="utf-8") as file:
            instrument = json.load(file)
        scales = {}
        for scale in instrument["scales"]:
            if "options" in scale:
                options = [(o["label"], str(o["code"])) for o in scale["options"]]
            else:
                low, high = scale["range"]["min"], scale["range"]["max"]
                options = [(str(code), str(code)) for code in range(low, high + 1)]
            missing = [(m["label"], m["label"]) for m in scale.get("missingAnswers", [])]
            scales[scale["id"]] = (options, missing)
        for item in instrument["items"]:
            column = instrument["id"] + "." + item["id"]
            choices[column] = scales[item["scale"]]
            order.append(column)
    return choices, order


CHOICES, COLUMNS = load_choices()
HEADER = ["respondent_id", "captured_at", "worker"] + COLUMNS + ["status"]


def plan_answers(rng):
    """One response's plan: per column, ('answer', label, cell) or ('skip', None, '')."""
    plan = []
    for column in COLUMNS:
        options, missing = CHOICES[column]
        roll = rng.random()
        if roll < 0.08:
            plan.append(("skip", None, ""))
        elif roll < 0.16 and missing:
            label, cell = rng.choice(missing)
            plan.append(("answer", label, cell))
        else:
            label, cell = rng.choice(options)
            plan.append(("answer", label, cell))
    return plan


def make_driver(width, height):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--no-first-run", f"--window-size={width},{height}", "--hide-scrollbars"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
    })
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": downloads})
    driver.set_window_size(width, height)
    return driver


def shot(driver, name, width):
    """A screenshot of the whole page at `width` pixels."""
    height = driver.execute_script(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(width, max(600, min(height + 20, 4000)))
    time.sleep(0.15)
    path = os.path.join(out_dir, name)
    driver.save_screenshot(path)
    screenshots.append(path)


def visible_step(driver):
    """The id of the one step shown (one question per screen), or 'home'."""
    shown = driver.execute_script("""
        const home = document.getElementById('home');
        if (!home.hidden) return ['home'];
        return [...document.querySelectorAll('.step')].filter(s => !s.hidden).map(s => s.id);
    """)
    if len(shown) != 1:
        fail(f"expected one screen shown, found {shown}")
    return shown[0]


def active(driver):
    return driver.switch_to.active_element


def expect_step(driver, expected):
    step = visible_step(driver)
    if step != expected:
        fail(f"expected the screen {expected}, found {step}")


def check_accessibility(driver, label):
    problems = driver.execute_script("""
        const problems = [];
        for (const input of document.querySelectorAll('input, select, textarea')) {
          const labels = input.labels ? [...input.labels].map(l => l.textContent.trim()) : [];
          const named = labels.some(t => t.length > 0) || input.getAttribute('aria-label');
          if (!named) problems.push('input without a label: ' + (input.id || input.name));
        }
        for (const group of document.querySelectorAll('fieldset')) {
          const legend = group.querySelector(':scope > legend');
          if (!legend || !legend.textContent.trim()) problems.push('fieldset without a legend: ' + group.id);
        }
        for (const button of document.querySelectorAll('button, a[href]')) {
          const name = (button.getAttribute('aria-label') || button.textContent).trim();
          if (!name) problems.push('button or link without text: ' + button.outerHTML.slice(0, 80));
        }
        const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
        const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
        if (repeated.length) problems.push('repeated ids: ' + repeated.slice(0, 5).join(' '));
        if (!document.documentElement.lang) problems.push('no lang on <html>');
        return problems;
    """)
    if problems:
        fail(f"{label}: " + "; ".join(problems[:10]))
    count = driver.execute_script("return document.querySelectorAll('input').length")
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    if fetched:
        fail(f"{label}: the page fetched {fetched[:5]}")
    note(f"{label}: all {count} inputs labelled, every group has a legend, nothing fetched")


# Filling one response -------------------------------------------------------------------------


def choose_by_mouse(driver, step_id, label):
    for choice in driver.find_elements(By.CSS_SELECTOR, f"#{step_id} label.choice"):
        if choice.text.strip() == label:
            choice.click()
            return
    fail(f"{step_id}: no answer labelled {label!r}")


def checked_label(driver, step_id):
    return driver.execute_script(
        "const r = document.querySelector('#' + arguments[0] + ' input:checked');"
        "return r ? r.closest('label').textContent.trim() : null;", step_id)


def choose_by_keyboard(driver, step_id, label):
    """Space checks the focused answer; arrow keys move and check; the label is read back."""
    labels = [element.text.strip() for element in
              driver.find_elements(By.CSS_SELECTOR, f"#{step_id} label.choice")]
    target = labels.index(label)
    focused = active(driver)
    if focused.get_attribute("type") != "radio":
        fail(f"{step_id}: the question did not put the focus on an answer")
    if checked_label(driver, step_id) is None:
        focused.send_keys(Keys.SPACE)
    current = labels.index(checked_label(driver, step_id))
    while current != target:
        active(driver).send_keys(Keys.ARROW_DOWN if target > current else Keys.ARROW_UP)
        current = labels.index(checked_label(driver, step_id))


def tab_to(driver, predicate, what, limit=40):
    for _ in range(limit):
        if predicate(active(driver)):
            return active(driver)
        active(driver).send_keys(Keys.TAB)
    fail(f"Tab never reached {what}")


def question_ids(driver):
    return driver.execute_script(
        "return [...document.querySelectorAll('fieldset.question')].map(q => q.id)")


def start_response(driver, respondent, keyboard):
    expect_step(driver, "home")
    field = driver.find_element(By.ID, "respondent-id")
    if respondent is None:
        respondent = field.get_attribute("value")
        if not re.fullmatch(r"\d{8}-\d{6}-[a-z2-9]{4}", respondent):
            fail(f"the generated respondent id {respondent!r} is not DATE-TIME-SUFFIX")
        if keyboard:
            tab_to(driver, lambda e: e.get_attribute("id") == "start", "Start").send_keys(Keys.ENTER)
        else:
            driver.find_element(By.ID, "start").click()
    elif keyboard:
        tab_to(driver, lambda e: e.get_attribute("id") == "respondent-id", "the respondent id")
        active(driver).send_keys(Keys.CONTROL, "a")
        active(driver).send_keys(respondent, Keys.ENTER)
    else:
        field.clear()
        field.send_keys(respondent)
        driver.find_element(By.ID, "start").click()
    return respondent


def continue_introduction(driver, keyboard):
    step = visible_step(driver)
    if not step.startswith("intro-"):
        fail(f"expected an introduction, found {step}")
    if keyboard:
        tab_to(driver, lambda e: "next" in (e.get_attribute("class") or "").split()
               and e.is_displayed(), "Continue").send_keys(Keys.ENTER)
    else:
        driver.find_element(By.CSS_SELECTOR, f"#{step} button.next").click()


def answer_question(driver, step_id, action, label, keyboard):
    expect_step(driver, step_id)
    if action == "skip":
        if keyboard:
            tab_to(driver, lambda e: "skip" in (e.get_attribute("class") or "").split()
                   and e.is_displayed(), "Skip").send_keys(Keys.ENTER)
        else:
            driver.find_element(By.CSS_SELECTOR, f"#{step_id} button.skip").click()
        return
    if keyboard:
        choose_by_keyboard(driver, step_id, label)
        if checked_label(driver, step_id) != label:
            fail(f"{step_id}: keyboard chose {checked_label(driver, step_id)!r}, not {label!r}")
        active(driver).send_keys(Keys.ENTER)
    else:
        choose_by_mouse(driver, step_id, label)
        if checked_label(driver, step_id) != label:
            fail(f"{step_id}: a click chose {checked_label(driver, step_id)!r}, not {label!r}")
        driver.find_element(By.CSS_SELECTOR, f"#{step_id} button.next").click()


def reopen_in_new_tab(driver):
    """Opens the form in a new tab and closes the old one, as a person closing the tab would."""
    old = driver.current_window_handle
    url = driver.current_url
    driver.switch_to.new_window("tab")
    driver.get(url)
    new = driver.current_window_handle
    driver.switch_to.window(old)
    driver.close()
    driver.switch_to.window(new)


def fill(driver, plan, respondent, keyboard, detour=None, reload_after=None, shots=None,
         reopen_after=None):
    """Fills one response from the first screen to saved; returns the respondent id."""
    respondent = start_response(driver, respondent, keyboard)
    ids = question_ids(driver)
    index = 0
    while index < len(ids):
        step = visible_step(driver)
        if step.startswith("intro-"):
            if shots and step == "intro-2":
                shot(driver, "768-introduction.png", 768)
            continue_introduction(driver, keyboard)
            continue
        action, label, _ = plan[index]
        if shots and index == 12:
            shot(driver, "768-question-numeric.png", 768)
            shot(driver, "420-question-numeric.png", 420)
            driver.set_window_size(768, 1024)
        if detour == "back" and index == 2:
            # Answer, go back, change the earlier answer, come forward again.
            answer_question(driver, ids[2], "answer", CHOICES[COLUMNS[2]][0][0][0], keyboard)
            expect_step(driver, ids[3])
            if keyboard:
                tab_to(driver, lambda e: "back" in (e.get_attribute("class") or "").split()
                       and e.is_displayed(), "Back").send_keys(Keys.ENTER)
            else:
                driver.find_element(By.CSS_SELECTOR, f"#{ids[3]} button.back").click()
            expect_step(driver, ids[2])
        answer_question(driver, ids[index], action, label, keyboard)
        index += 1
        if index in (reload_after, reopen_after):
            before = driver.execute_script("return localStorage.length")
            if index == reload_after:
                driver.refresh()
            else:
                reopen_in_new_tab(driver)
            expect_step(driver, ids[index])
            for earlier in range(index):
                action_e, label_e, _ = plan[earlier]
                if checked_label(driver, ids[earlier]) != (label_e if action_e == "answer" else None):
                    fail(f"after a reload, {ids[earlier]} shows {checked_label(driver, ids[earlier])!r}")
            how = "reload" if index == reload_after else "tab closed and the form opened again"
            note(f"{how} at question {index + 1} of {respondent}: back at the same question with "
                 f"the {index} answers given ({before} storage entries)")
    expect_step(driver, "summary")
    if detour == "change":
        # Change one answer from the summary; answering it returns to the summary.
        column = 1
        options = CHOICES[COLUMNS[column]][0]
        new_label, new_cell = options[-1]
        if keyboard:
            name = f"Change the answer to question {column + 1}"
            tab_to(driver, lambda e: e.get_attribute("aria-label") == name, name).send_keys(Keys.ENTER)
        else:
            driver.find_elements(By.CSS_SELECTOR, "#summary-rows button")[column].click()
        answer_question(driver, ids[column], "answer", new_label, keyboard)
        expect_step(driver, "summary")
        plan[column] = ("answer", new_label, new_cell)
    # The summary shows every answer as given.
    shown = [row.find_elements(By.TAG_NAME, "td")[2].text.strip()
             for row in driver.find_elements(By.CSS_SELECTOR, "#summary-rows tr")]
    wanted = [label if action == "answer" else "skipped" for action, label, _ in plan]
    if shown != wanted:
        fail(f"the summary of {respondent} shows {shown}, expected {wanted}")
    if shots:
        shot(driver, "768-summary.png", 768)
        shot(driver, "420-summary.png", 420)
        driver.set_window_size(768, 1024)
    if keyboard:
        tab_to(driver, lambda e: e.get_attribute("id") == "save", "Save", limit=60).send_keys(Keys.ENTER)
    else:
        driver.find_element(By.ID, "save").click()
    expect_step(driver, "home")
    return respondent


def wait_for_download(before):
    for _ in range(100):
        done = [p for p in glob.glob(os.path.join(downloads, "*.csv")) if p not in before]
        if done and not glob.glob(os.path.join(downloads, "*.crdownload")):
            return done[0]
        time.sleep(0.1)
    fail("the form's download never arrived in " + downloads)


def download(driver, button):
    before = set(glob.glob(os.path.join(downloads, "*.csv")))
    driver.find_element(By.ID, button).click()
    path = wait_for_download(before)
    print("DOWNLOADED " + path, flush=True)
    return path


def compare(path, expected, started, label):
    with open(path, encoding="utf-8", newline="") as file:
        text = file.read()
    if text.startswith("\ufeff") or "\r" in text:
        fail(f"{label}: the download has a byte order mark or CR line endings")
    rows = list(csv.reader(text.splitlines()))
    if rows[0] != HEADER:
        fail(f"{label}: the header is {rows[0]}, expected {HEADER}")
    if len(rows) - 1 != len(expected):
        fail(f"{label}: {len(rows) - 1} rows downloaded, expected {len(expected)}")
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 1))
    for number, (row, want) in enumerate(zip(rows[1:], expected), start=2):
        stamp = row[1]
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp) or not started <= stamp <= now:
            fail(f"{label} line {number}: captured_at {stamp!r} is not ISO 8601 UTC within the run")
        if [row[0]] + row[2:] != [want[0]] + want[2:]:
            fail(f"{label} line {number}: {row} differs from the answers given {want}")
    note(f"{label}: {len(expected)} rows match the answers given, column by column")


def main():
    rng = random.Random(15)
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    driver = make_driver(768, 1024)
    try:
        driver.get("file://" + os.path.abspath(form_path))
        driver.execute_script("localStorage.clear()")
        driver.refresh()
        check_accessibility(driver, "form")
        shot(driver, "768-home-empty.png", 768)
        driver.set_window_size(768, 1024)
        expected = []
        for number in range(1, 21):
            plan = plan_answers(rng)
            keyboard = number % 3 == 0 or number == 20
            respondent = None if number % 4 == 0 else f"V-{number:03d}"
            # Ids that CSV must quote, and one a spreadsheet would run as a formula, which the
            # download writes with a leading ' as the toolkit's CSV writer does.
            respondent = {7: 'Lee, "Jo"', 10: "-7 West"}.get(number, respondent)
            detour = {2: "back", 3: "back", 5: "change", 9: "change"}.get(number)
            reload_after = 6 if number == 11 else None
            shots = number == 1
            if number == 1:
                expect_step(driver, "home")
                driver.find_element(By.ID, "start").click()
                shot(driver, "768-introduction-first.png", 768)
                driver.set_window_size(768, 1024)
                driver.find_element(By.CSS_SELECTOR, "#intro-1 button.next").click()
                shot(driver, "768-question.png", 768)
                shot(driver, "420-question.png", 420)
                driver.set_window_size(768, 1024)
                driver.find_element(By.CSS_SELECTOR, "#q1 button.next").click()
                if not driver.find_element(By.ID, "q1-error").is_displayed():
                    fail("Next with no answer chosen did not ask for an answer")
                # Back from the first question, then to the first screen: the draft is kept.
                driver.find_element(By.CSS_SELECTOR, "#q1 button.back").click()
                driver.find_element(By.CSS_SELECTOR, "#intro-1 button.back").click()
                expect_step(driver, "home")
                if not driver.find_element(By.ID, "resume").is_displayed():
                    fail("the response in progress is not offered to continue")
                # Start asks first while a response is in progress; Start again replaces it.
                driver.find_element(By.ID, "start").click()
                expect_step(driver, "home")
                if "still in progress" not in driver.find_element(By.ID, "respondent-note").text:
                    fail("Start did not warn of the response in progress")
            if number == 11:
                # Half-way: reload the page between responses; the ten saved are still there.
                driver.refresh()
                saved = len(driver.find_elements(By.CSS_SELECTOR, "#response-rows tr"))
                if saved != 10:
                    fail(f"after a reload the first screen lists {saved} responses, expected 10")
                note("reload after 10 responses: all 10 still listed")
            reopen_after = 9 if number == 15 else None
            respondent = fill(driver, plan, respondent, keyboard, detour, reload_after, shots,
                              reopen_after)
            written = "'" + respondent if respondent == "-7 West" else respondent
            expected.append([written, "", "AB"] + [cell for _, _, cell in plan] + ["complete"])
        rows = driver.find_elements(By.CSS_SELECTOR, "#response-rows tr")
        if len(rows) != 20 or any("Not yet" not in row.text for row in rows):
            fail("the first screen does not list 20 responses not downloaded yet")
        shot(driver, "768-home-before-download.png", 768)
        driver.set_window_size(768, 1024)
        path = download(driver, "export-new")
        compare(path, expected, started, "download of 20 responses")
        rows = driver.find_elements(By.CSS_SELECTOR, "#response-rows tr")
        if any("Yes" not in row.text for row in rows):
            fail("after the download, not every response is shown as downloaded")
        if "(0)" not in driver.find_element(By.ID, "export-new").text:
            fail("after the download, 'Download new responses' does not show 0")
        shot(driver, "768-home-downloaded.png", 768)
        shot(driver, "420-home-downloaded.png", 420)
        with open(os.path.join(out_dir, "expected.csv"), "w", encoding="utf-8", newline="") as file:
            csv.writer(file, lineterminator="\n").writerows([HEADER] + expected)
    finally:
        driver.quit()

    # The one-page layout, with the keyboard alone: Tab to each group, arrows, Space.
    driver = make_driver(768, 1024)
    try:
        driver.get("file://" + os.path.abspath(one_page_path))
        driver.execute_script("localStorage.clear()")
        driver.refresh()
        check_accessibility(driver, "one-page form")
        one_page_expected = []
        for number in range(1, 3):
            plan = plan_answers(rng)
            respondent = start_response(driver, f"P-{number:03d}", keyboard=True)
            ids = question_ids(driver)
            for index, (action, label, _) in enumerate(plan):
                tab_to(driver, lambda e, q=ids[index]: e.get_attribute("name") == q,
                       f"the answers of {ids[index]}")
                if action == "answer":
                    choose_by_keyboard(driver, ids[index], label)
            if number == 1:
                shot(driver, "768-one-page.png", 768)
                driver.set_window_size(768, 1024)
            tab_to(driver, lambda e: e.get_attribute("id") == "review", "Check the answers",
                   limit=80).send_keys(Keys.ENTER)
            expect_step(driver, "summary")
            tab_to(driver, lambda e: e.get_attribute("id") == "save", "Save", limit=60).send_keys(Keys.ENTER)
            expect_step(driver, "home")
            one_page_expected.append([respondent, "", "AB"] + [c for _, _, c in plan] + ["complete"])
        path = download(driver, "export-all")
        compare(path, one_page_expected, started, "one-page download")
    finally:
        driver.quit()

    # Instrument text that is markup and script is shown as text and never runs.
    driver = make_driver(768, 1024)
    try:
        driver.get("file://" + os.path.abspath(hostile_path))
        try:
            alert = driver.switch_to.alert
            fail(f"the hostile instrument's script ran: alert {alert.text!r}")
        except NoAlertPresentException:
            pass
        injected = driver.execute_script(
            "return [window.injected === true, document.querySelectorAll('img, iframe, object, "
            "embed, [onerror], [onclick]').length, document.scripts.length]")
        if injected[0] or injected[1] or injected[2] != 2:
            fail(f"markup from the hostile instrument became part of the page: {injected}")
        driver.find_element(By.ID, "start").click()
        title = driver.find_element(By.CSS_SELECTOR, "#intro-1 h2").text
        driver.find_element(By.CSS_SELECTOR, "#intro-1 button.next").click()
        legend = driver.find_element(By.CSS_SELECTOR, "#q1 .question-text").text
        labels = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#q1 label.choice")]
        if "</title><script>" not in title or "<img src=x onerror=" not in legend or \
                not any("</script>" in text for text in labels):
            fail(f"the hostile text is not shown as text: {title!r} {legend!r} {labels!r}")
        check_accessibility(driver, "hostile form")
        note("markup and script in instrument text are shown as text; none of it ran")
    finally:
        driver.quit()
    for path in screenshots:
        print("SCREENSHOT " + path, flush=True)


main()
