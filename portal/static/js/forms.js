/* The form design system's behaviour (docs/decisions/0070-form-design-system.md). Progressive
   enhancement only: every form works without it.
   - the error summary takes focus on load, and its links move focus to their field;
   - a character count under each field with a maximum says how many characters are left. */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      var group = target.closest(".form-group");
      (group || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }

  var counted = document.querySelectorAll("[data-maxlength]");
  Array.prototype.forEach.call(counted, function (control) {
    var limit = parseInt(control.getAttribute("data-maxlength"), 10);
    var message = document.getElementById(control.id + "_count");
    if (!message || !limit) { return; }
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    message.parentNode.insertBefore(status, message.nextSibling);
    var timer = null;
    function text() {
      var left = limit - control.value.length;
      return left >= 0 ? "还可输入" + left + "个字" : "已超出" + (-left) + "个字";
    }
    function update() {
      message.textContent = text();
      message.classList.toggle("form-count--over", control.value.length > limit);
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { status.textContent = text(); }, 1000);
    }
    control.addEventListener("input", update);
    message.textContent = text();
    message.classList.toggle("form-count--over", control.value.length > limit);
  });
})();
