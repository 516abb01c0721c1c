// Polls a BankID order's status once a second, updates the message and the QR code, and moves on when done.
(function () {
  var box = document.getElementById("bankid");
  if (!box) return;
  var statusURL = box.getAttribute("data-status");
  var message = document.getElementById("bankid-message");
  function poll() {
    fetch(statusURL, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.next) { window.location.assign(s.next); return; }
        message.textContent = s.message;
        var qr = document.getElementById("bankid-qr");
        if (qr) { if (s.qr) { qr.src = s.qr; qr.hidden = false; } else { qr.hidden = true; } }
        if (s.state === "pending") { setTimeout(poll, 1000); return; }
        var forms = box.getElementsByTagName("form");
        for (var i = 0; i < forms.length; i++) forms[i].hidden = true;
        document.getElementById("bankid-again").hidden = false;
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 1000);
})();
