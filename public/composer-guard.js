// Gesprekscoach: a message over the server's limit is not sent from the browser.
//
// The server refuses such a message anyway (coach/chat/service.py check_message), but
// sending it first makes the browser render the whole text as a chat message: a 1 MB paste
// froze the tab for minutes. So a send (button or Enter) of a text over the limit is
// stopped here, the text stays in the composer, and the server's own sentence is shown
// above it, in the interface language. LIMIT and MESSAGES are checked against
// MAX_MESSAGE_CHARS and coach/i18n/messages.yaml (chat_message_too_long) by a unit test.
(function () {
  "use strict";
  var LIMIT = 20000;
  var MESSAGES = {
    nl: "Je bericht is te lang ({count} tekens; ik verwerk er hooguit {limit}). Ik heb er niets van weggegooid of ingekort: splits het op, of upload lange notities als .txt, .md of .docx.",
    en: "Your message is too long ({count} characters; I handle at most {limit}). I have not dropped or shortened anything: split it up, or upload long notes as .txt, .md or .docx."
  };
  var NOTICE_ID = "coach-too-long";

  function language() {
    // the browser's language, as Chainlit picks its interface language (<html lang> is
    // always "en" in Chainlit's page)
    var lang = (navigator.language || "nl").toLowerCase();
    return lang.indexOf("en") === 0 ? "en" : "nl";
  }

  function length(text) {
    var value = text.trim();
    // code points, as the server counts; cheap units first
    return value.length > LIMIT ? Array.from(value).length : value.length;
  }

  function clear() {
    var old = document.getElementById(NOTICE_ID);
    if (old) old.remove();
  }

  function show(count) {
    clear();
    var composer = document.getElementById("message-composer");
    if (!composer || !composer.parentNode) return;
    var notice = document.createElement("div");
    notice.id = NOTICE_ID;
    notice.setAttribute("role", "alert");
    notice.style.cssText = "margin:0 0 8px 0;padding:8px 12px;border-radius:8px;" +
      "border:1px solid #d97706;font-size:0.9rem;line-height:1.4;";
    notice.textContent = MESSAGES[language()]
      .replace("{count}", String(count))
      .replace("{limit}", String(LIMIT));
    composer.parentNode.insertBefore(notice, composer);
  }

  function tooLong() {
    var input = document.getElementById("chat-input");
    if (!input) return false;
    var count = length(input.value || "");
    if (count <= LIMIT) {
      clear();
      return false;
    }
    show(count);
    return true;
  }

  function stop(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("#chat-submit") && tooLong()) stop(event);
  }, true);

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    if (target && target.id === "chat-input" && tooLong()) stop(event);
  }, true);
})();
