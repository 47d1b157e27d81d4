// The offline form's script. It holds no instrument text: it reads the page (built with every
// piece of user text escaped) and the JSON data element, and writes text back only through
// textContent and attribute values, never as markup.
//
// Storage (the browser's localStorage, per form): `loneliness-form/ID/responses` holds the
// confirmed responses as capture-file rows in header order, each with the time it was
// downloaded; `loneliness-form/ID/draft` holds the response in progress, rewritten after every
// answer and every move, and removed when the response is saved or discarded.

let formScript = #"""
  (function () {
    "use strict";
    var data = JSON.parse(document.getElementById("form-data").textContent);
    var prefix = "loneliness-form/" + data.formId + "/";
    var responsesKey = prefix + "responses";
    var draftKey = prefix + "draft";
    var onePage = data.layout === "one-page";
    var byId = function (id) { return document.getElementById(id); };
    var home = byId("home");
    var questionnaire = byId("questionnaire");
    var steps = Array.prototype.slice.call(questionnaire.querySelectorAll(".step"));
    var summaryIndex = steps.indexOf(byId("summary"));
    var questions = steps.filter(function (step) { return step.classList.contains("question"); });
    var respondentInput = byId("respondent-id");
    var storage = null;
    var draft = null;
    var replacingDraft = false;

    try {
      storage = window.localStorage;
      storage.setItem(prefix + "probe", "1");
      storage.removeItem(prefix + "probe");
    } catch (error) {
      storage = null;
    }

    // Times and ids --------------------------------------------------------------------------

    function isoNow() { return new Date().toISOString().replace(/\.\d+Z$/, "Z"); }

    function newRespondentId() {
      var digits = isoNow().replace(/[^0-9]/g, "");
      var alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
      var random = new Uint32Array(4);
      window.crypto.getRandomValues(random);
      var suffix = "";
      for (var i = 0; i < 4; i++) { suffix += alphabet.charAt(random[i] % alphabet.length); }
      return digits.slice(0, 8) + "-" + digits.slice(8, 14) + "-" + suffix;
    }

    // Storage ----------------------------------------------------------------------------------

    function loadResponses() {
      if (!storage) { return []; }
      try {
        var stored = JSON.parse(storage.getItem(responsesKey) || "[]");
        return Array.isArray(stored) ? stored : [];
      } catch (error) {
        return [];
      }
    }

    function storeResponses(list) {
      if (!storage) { return false; }
      try {
        storage.setItem(responsesKey, JSON.stringify(list));
        return true;
      } catch (error) {
        return false;
      }
    }

    function storeDraft() {
      if (!storage) { return; }
      try {
        if (draft) { storage.setItem(draftKey, JSON.stringify(draft)); }
        else { storage.removeItem(draftKey); }
      } catch (error) {
        showStorageProblem("The answers so far could not be kept on this device (" +
          error.name + "). Finish and download this response before closing the page.");
      }
    }

    function loadDraft() {
      if (!storage) { return null; }
      try {
        var stored = JSON.parse(storage.getItem(draftKey) || "null");
        return stored && typeof stored.respondentId === "string" ? stored : null;
      } catch (error) {
        return null;
      }
    }

    function showStorageProblem(text) {
      var status = byId("storage-status");
      status.textContent = text;
      status.classList.add("problem");
    }

    function updateStatus() {
      if (!storage) {
        showStorageProblem("This browser does not let the page keep responses (private " +
          "browsing, or storage turned off): download each response before closing the page.");
        return;
      }
      var list = loadResponses();
      var waiting = list.filter(function (entry) { return !entry.exportedAt; }).length;
      byId("storage-status").textContent = list.length === 0 ? "No responses saved on this " +
        "device yet." : "Saved on this device: " + count(list.length, "response") +
        (waiting ? ", " + waiting + " not downloaded yet" : ", all downloaded") + ".";
    }

    function count(number, noun) { return number + " " + noun + (number === 1 ? "" : "s"); }

    // Screens ----------------------------------------------------------------------------------

    function hideAll() {
      home.hidden = true;
      steps.forEach(function (step) { step.hidden = true; });
      byId("review").parentNode.hidden = true;
    }

    function showHome(message) {
      hideAll();
      home.hidden = false;
      var note = byId("home-message");
      note.hidden = !message;
      note.textContent = message || "";
      if (!respondentInput.value) { respondentInput.value = newRespondentId(); }
      byId("resume").hidden = !draft;
      if (draft) {
        byId("resume").textContent = "Continue the response in progress (" + draft.respondentId + ")";
      }
      renderResponses();
      byId("home-title").focus();
    }

    function focusStep(step) {
      if (step.classList.contains("question")) {
        var radios = step.querySelectorAll("input[type=radio]");
        var checked = step.querySelector("input[type=radio]:checked");
        if (checked || radios[0]) { (checked || radios[0]).focus(); }
      } else {
        var heading = step.querySelector("h2");
        if (heading) { heading.focus(); }
      }
    }

    function showStep(index, focusTarget) {
      hideAll();
      draft.step = index;
      draft.furthest = Math.max(draft.furthest || 0, index);
      storeDraft();
      if (index === summaryIndex) {
        renderSummary();
        steps[summaryIndex].hidden = false;
        window.scrollTo(0, 0);
        focusStep(steps[summaryIndex]);
        return;
      }
      if (onePage) {
        steps.forEach(function (step, position) { step.hidden = position === summaryIndex; });
        byId("review").parentNode.hidden = false;
        var target = focusTarget || steps[index];
        target.scrollIntoView();
        focusStep(target);
        return;
      }
      steps[index].hidden = false;
      window.scrollTo(0, 0);
      focusStep(steps[index]);
    }

    // Answers ----------------------------------------------------------------------------------

    function answerOf(step) {
      var checked = step.querySelector("input[type=radio]:checked");
      if (checked) { return { cell: checked.value, skipped: false }; }
      return draft.answers[step.dataset.column] || null;
    }

    function record(step) {
      var checked = step.querySelector("input[type=radio]:checked");
      if (checked) { draft.answers[step.dataset.column] = { cell: checked.value, skipped: false }; }
    }

    function restoreAnswers() {
      questions.forEach(function (step) {
        var answer = draft.answers[step.dataset.column];
        step.querySelectorAll("input[type=radio]").forEach(function (radio) {
          radio.checked = !!answer && !answer.skipped && radio.value === answer.cell;
        });
        step.querySelector(".error").hidden = true;
      });
    }

    function labelText(radio) {
      var label = radio.closest("label");
      return label ? label.textContent.trim() : radio.value;
    }

    // Moving through the questions (as `loneliness capture` does) -------------------------------

    function currentStep() { return steps[draft.step]; }

    function moveOn() {
      if (draft.revisiting) {
        draft.revisiting = false;
        showStep(summaryIndex);
        return;
      }
      var next = draft.step + 1;
      // An introduction already shown is not shown again.
      if (next < summaryIndex && steps[next].classList.contains("introduction") &&
          next <= (draft.furthest || 0)) {
        next += 1;
      }
      showStep(next);
    }

    function next() {
      var step = currentStep();
      if (step.classList.contains("question")) {
        var error = step.querySelector(".error");
        if (!answerOf(step)) {
          error.textContent = "Choose an answer, or Skip to leave this question unanswered.";
          error.hidden = false;
          focusStep(step);
          return;
        }
        error.hidden = true;
        record(step);
      }
      moveOn();
    }

    function back() {
      var index = draft.step;
      for (var i = Math.min(index, steps.length) - 1; i >= 0; i--) {
        if (steps[i].classList.contains("question")) {
          draft.revisiting = false;
          showStep(i);
          return;
        }
      }
      if (index > 0) {
        showStep(0);
      } else {
        showHome("The response in progress is kept: Continue it when you are ready.");
      }
    }

    function skip(step) {
      step.querySelectorAll("input[type=radio]").forEach(function (radio) { radio.checked = false; });
      draft.answers[step.dataset.column] = { cell: "", skipped: true };
      step.querySelector(".error").hidden = true;
      if (onePage) {
        storeDraft();
        focusStep(step);
        return;
      }
      moveOn();
    }

    function start() {
      var id = respondentInput.value.trim();
      if (!id) {
        var note = byId("respondent-note");
        note.textContent = "Give a respondent id first.";
        note.hidden = false;
        respondentInput.focus();
        return;
      }
      if (draft && !replacingDraft) {
        var kept = byId("respondent-note");
        kept.textContent = "The response of " + draft.respondentId + " is still in progress: " +
          "Continue it, or press Start again to discard it and start a new one.";
        kept.hidden = false;
        replacingDraft = true;
        return;
      }
      replacingDraft = false;
      draft = { respondentId: id, step: 0, furthest: 0, revisiting: false, answers: {} };
      restoreAnswers();
      byId("discard-confirm").hidden = true;
      showStep(0);
    }

    function checkRespondentId() {
      var id = respondentInput.value.trim();
      var note = byId("respondent-note");
      var earlier = loadResponses().filter(function (entry) { return entry.row[0] === id; });
      note.hidden = earlier.length === 0;
      note.textContent = earlier.length ? "This device already has " +
        count(earlier.length, "response") + " from respondent " + id +
        ". Saving adds another; check the id." : "";
    }

    // The summary and saving ---------------------------------------------------------------------

    function renderSummary() {
      var rows = byId("summary-rows");
      rows.textContent = "";
      byId("summary-respondent").textContent = "Respondent " + draft.respondentId + ".";
      questions.forEach(function (step, position) {
        var answer = answerOf(step);
        var checked = step.querySelector("input[type=radio]:checked");
        var row = document.createElement("tr");
        var number = document.createElement("td");
        number.textContent = String(position + 1);
        var text = document.createElement("td");
        text.textContent = step.querySelector(".question-text").textContent;
        var given = document.createElement("td");
        if (checked) {
          given.textContent = labelText(checked);
        } else {
          given.textContent = answer && answer.skipped ? "skipped" : "not answered";
          given.className = "skipped";
        }
        var change = document.createElement("td");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = "Change";
        button.setAttribute("aria-label", "Change the answer to question " + (position + 1));
        button.addEventListener("click", function () {
          if (onePage) {
            showStep(0, step);
          } else {
            draft.revisiting = true;
            showStep(steps.indexOf(step));
          }
        });
        change.appendChild(button);
        [number, text, given, change].forEach(function (cell) { row.appendChild(cell); });
        rows.appendChild(row);
      });
    }

    function rowOf(capturedAt) {
      var row = [draft.respondentId, capturedAt];
      data.fixed.forEach(function (column) { row.push(column.value); });
      data.itemColumns.forEach(function (column) {
        var step = questions.filter(function (q) { return q.dataset.column === column; })[0];
        var checked = step && step.querySelector("input[type=radio]:checked");
        row.push(checked ? checked.value : "");
      });
      row.push(data.status);
      return row;
    }

    function save() {
      var row = rowOf(isoNow());
      var list = loadResponses();
      list.push({ row: row, exportedAt: null });
      if (!storeResponses(list)) {
        var error = byId("save-error");
        error.textContent = "This response could not be saved on this device (storage is full " +
          "or turned off). Nothing is lost yet: download the responses from the first screen, " +
          "then save again.";
        error.hidden = false;
        return;
      }
      byId("save-error").hidden = true;
      var id = draft.respondentId;
      draft = null;
      storeDraft();
      respondentInput.value = newRespondentId();
      byId("respondent-note").hidden = true;
      updateStatus();
      showHome("Saved the response of " + id + ". Start the next one when you are ready.");
    }

    function discard() {
      draft = null;
      storeDraft();
      byId("discard-confirm").hidden = true;
      showHome("The answers were discarded.");
    }

    // Downloads ----------------------------------------------------------------------------------

    function isPlainNumber(text) { return /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/.test(text); }

    // One CSV field, exactly as the toolkit's CSV writer makes it.
    function csvField(value) {
      var text = String(value);
      var first = text.charAt(0);
      if (first === "=" || first === "@" || first === "\t" || first === "\r" ||
          ((first === "+" || first === "-") && !isPlainNumber(text))) {
        text = "'" + text;
      }
      var last = text.charAt(text.length - 1);
      if (text.length > 0 && (/[,"\r\n]/.test(text) || first === " " || first === "\t" ||
          last === " " || last === "\t")) {
        text = "\"" + text.replace(/"/g, "\"\"") + "\"";
      }
      return text;
    }

    function csvLine(fields) { return fields.map(csvField).join(",") + "\n"; }

    var downloadURL = null;

    function download(onlyNew) {
      var list = loadResponses();
      var chosen = list.filter(function (entry) { return !onlyNew || !entry.exportedAt; });
      var message = byId("export-message");
      message.hidden = false;
      if (chosen.length === 0) {
        message.textContent = onlyNew ? "Every response has been downloaded already." :
          "There are no responses to download yet.";
        return;
      }
      var text = csvLine(data.header);
      chosen.forEach(function (entry) { text += csvLine(entry.row); });
      var stamp = isoNow().replace(/[^0-9]/g, "");
      var name = data.fileStem + "-responses-" + stamp.slice(0, 8) + "-" + stamp.slice(8, 14) +
        ".csv";
      if (downloadURL) { URL.revokeObjectURL(downloadURL); }
      downloadURL = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
      var link = byId("download-link");
      link.href = downloadURL;
      link.download = name;
      link.textContent = "Download " + name + " again";
      link.hidden = false;
      link.click();
      var now = isoNow();
      chosen.forEach(function (entry) { entry.exportedAt = entry.exportedAt || now; });
      // Mark them in the stored list, which another tab may have added to meanwhile.
      var stored = loadResponses();
      stored.forEach(function (entry) {
        chosen.forEach(function (sent) {
          if (JSON.stringify(sent.row) === JSON.stringify(entry.row) && !entry.exportedAt) {
            entry.exportedAt = now;
          }
        });
      });
      storeResponses(stored);
      message.textContent = "Downloaded " + count(chosen.length, "response") + " as " + name +
        ". Merge it into your capture file with loneliness capture --merge.";
      updateStatus();
      renderResponses();
    }

    function renderResponses() {
      var list = loadResponses();
      var waiting = list.filter(function (entry) { return !entry.exportedAt; }).length;
      byId("response-counts").textContent = list.length === 0 ? "No responses saved yet." :
        count(list.length, "response") + " saved; " + (waiting ? waiting + " not downloaded yet." :
        "all downloaded.");
      byId("export-new").textContent = "Download new responses (" + waiting + ")";
      byId("export-all").textContent = "Download all responses (" + list.length + ")";
      byId("remove-exported").hidden = list.length === waiting;
      byId("remove-confirm").hidden = true;
      var rows = byId("response-rows");
      rows.textContent = "";
      var statusColumn = data.header.length - 1;
      var firstItem = 2 + data.fixed.length;
      list.slice().reverse().forEach(function (entry) {
        var row = document.createElement("tr");
        var answered = entry.row.slice(firstItem, statusColumn).filter(function (cell) {
          return /^-?\d+$/.test(cell);
        }).length;
        var cells = [entry.row[0], entry.row[1].replace("T", " ").replace("Z", ""),
          answered + " of " + data.itemColumns.length,
          entry.exportedAt ? "Yes, " + entry.exportedAt.replace("T", " ").replace("Z", "") :
          "Not yet"];
        cells.forEach(function (text, position) {
          var cell = document.createElement(position === 0 ? "th" : "td");
          if (position === 0) { cell.scope = "row"; }
          cell.textContent = text;
          row.appendChild(cell);
        });
        row.className = entry.exportedAt ? "exported" : "waiting";
        rows.appendChild(row);
      });
    }

    function removeExported() {
      var kept = loadResponses().filter(function (entry) { return !entry.exportedAt; });
      storeResponses(kept);
      updateStatus();
      showHome("The downloaded responses were removed from this device.");
    }

    // Wiring -----------------------------------------------------------------------------------

    questionnaire.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !draft) { return; }
      var step = button.closest(".step");
      if (button.classList.contains("next")) { next(); }
      else if (button.classList.contains("back")) { back(); }
      else if (button.classList.contains("skip")) { skip(step); }
    });

    questionnaire.addEventListener("change", function (event) {
      var step = event.target.closest(".question");
      if (!step || !draft) { return; }
      record(step);
      step.querySelector(".error").hidden = true;
      storeDraft();
    });

    questionnaire.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.target.type !== "radio" || !draft) { return; }
      event.preventDefault();
      if (onePage) { return; }
      next();
    });

    byId("review").addEventListener("click", function () {
      questions.forEach(function (step) { record(step); });
      showStep(summaryIndex);
    });
    byId("save").addEventListener("click", save);
    byId("discard").addEventListener("click", function () {
      byId("discard-confirm").hidden = false;
      byId("discard-confirm").focus();
    });
    byId("discard-confirm").addEventListener("click", discard);
    byId("start").addEventListener("click", start);
    byId("resume").addEventListener("click", function () {
      replacingDraft = false;
      byId("respondent-note").hidden = true;
      restoreAnswers();
      showStep(Math.min(draft.step || 0, summaryIndex));
    });
    respondentInput.addEventListener("input", checkRespondentId);
    respondentInput.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); start(); }
    });
    byId("export-new").addEventListener("click", function () { download(true); });
    byId("export-all").addEventListener("click", function () { download(false); });
    byId("remove-exported").addEventListener("click", function () {
      byId("remove-confirm").hidden = false;
      byId("remove-confirm").focus();
    });
    byId("remove-confirm").addEventListener("click", removeExported);
    window.addEventListener("storage", function (event) {
      if (event.key && event.key.indexOf(prefix) === 0) {
        updateStatus();
        if (!home.hidden) { renderResponses(); }
      }
    });

    // A reload or a reopened page goes back to the response in progress, answers and all.
    updateStatus();
    draft = loadDraft();
    if (draft && typeof draft.step === "number" && draft.step <= summaryIndex) {
      draft.answers = draft.answers || {};
      restoreAnswers();
      showStep(draft.step);
    } else {
      draft = null;
      storeDraft();
      showHome("");
    }
  })();
  """#
