// The verify screen's "Send new code": disabled while the resend cooldown runs, with the seconds left counting down.
// The server renders the seconds in data-resend-seconds and the sentences in data-wait-*; without this script the
// button stays usable and the server answers an early press with the same sentence.
(function () {
    'use strict';
    var wait = document.getElementById('resend-wait');
    var button = document.querySelector('[data-resend-button]');
    if (!wait || !button) {
        return;
    }

    var seconds = parseInt(wait.getAttribute('data-resend-seconds'), 10) || 0;
    if (seconds <= 0) {
        return;
    }

    function sentence(left) {
        return left === 1
            ? wait.getAttribute('data-wait-one')
            : wait.getAttribute('data-wait-many').replace('{0}', String(left));
    }

    button.disabled = true;
    wait.textContent = sentence(seconds);

    // A screen reader hears the wait once and the end of it, not every second.
    wait.setAttribute('aria-live', 'off');
    var timer = window.setInterval(function () {
        seconds -= 1;
        if (seconds > 0) {
            wait.textContent = sentence(seconds);
            return;
        }

        window.clearInterval(timer);
        wait.setAttribute('aria-live', 'polite');
        wait.textContent = wait.getAttribute('data-wait-over');
        button.disabled = false;
    }, 1000);
}());
