// Starts rasa-webchat against this Rasa server's socket.io channel (long-polling), and shows a
// banner when an answer carries a triage level of "emergency" or "urgent".
(function () {
  "use strict";

  var BANNERS = {
    emergency: {
      title: "Emergency:",
      text: function (t) { return "call " + (t.emergency_number || "your local emergency number") + " now. Do not drive yourself."; }
    },
    urgent: {
      title: "Get seen today:",
      text: function (t) { return (t.urgent_care || "urgent care") + "."; }
    },
    // Revision 2 wordings of an urgent outcome (clinical/triage.yml, urgent_wording).
    urgent_in_person: {
      title: "Get seen in person today:",
      text: function (t) { return (t.in_person_care || "an emergency department or urgent care") + "."; }
    },
    urgent_within_days: {
      title: "Get assessed within the next few days:",
      text: function () { return "a GP, physiotherapist or sports-medicine clinic."; }
    }
  };

  function showCareBanner(triage) {
    var wording = triage && triage.level === "urgent" && triage.urgent_wording;
    var banner = BANNERS[wording ? "urgent_" + wording : triage && triage.level] || BANNERS[triage && triage.level];
    if (!banner) { return; }
    var element = document.getElementById("care-banner");
    element.className = "care-banner " + triage.level;
    document.getElementById("care-banner-title").textContent = banner.title;
    document.getElementById("care-banner-text").textContent = banner.text(triage);
    element.hidden = false;
  }

  window.WebChat.default({
    selector: "#webchat",
    initPayload: "/greet",
    socketUrl: window.location.origin,
    socketPath: "/socket.io/",
    title: "Hamstring helper",
    subtitle: "Information, not a diagnosis",
    inputTextFieldHint: "Ask about your hamstring...",
    params: { storage: "local" },
    onSocketEvent: {
      bot_uttered: function (message) {
        if (message && message.custom) { showCareBanner(message.custom.triage); }
      }
    }
  }, null);
})();
