// Passkeys through the browser's WebAuthn API, for the settings' "Add a passkey", the verify screen's "Use a passkey"
// and the sign-in page's "Sign in with a passkey" (when the site policy allows a passkey alone).
// A form marked data-passkey="create" or "get" asks its page for options (a POST to data-options-url with the form's
// antiforgery token), hands them to navigator.credentials, puts the answer (JSON) into the form's [data-passkey-credential]
// field and submits the form; the server checks it. When the browser has no WebAuthn, or the person cancels, the form's
// data-error-* sentence is shown in the page's [data-passkey-error] alert.
(function () {
    'use strict';

    function supported() {
        return !!(window.PublicKeyCredential && navigator.credentials
            && PublicKeyCredential.parseCreationOptionsFromJSON && PublicKeyCredential.parseRequestOptionsFromJSON);
    }

    function showError(form, message) {
        var alert = document.querySelector(form.getAttribute('data-error-target') || '[data-passkey-error]');
        if (!alert) {
            return;
        }

        alert.textContent = message;
        alert.classList.remove('d-none');
        alert.focus();
    }

    async function options(form) {
        var body = new URLSearchParams();
        var token = form.querySelector('input[name="__RequestVerificationToken"]');
        if (token) {
            body.append('__RequestVerificationToken', token.value);
        }

        var response = await fetch(form.getAttribute('data-options-url'), {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: body,
            redirect: 'error',
        });
        if (!response.ok) {
            throw new Error('options ' + response.status);
        }

        return response.json();
    }

    async function run(form, button) {
        var kind = form.getAttribute('data-passkey');
        if (!supported()) {
            showError(form, form.getAttribute('data-error-unsupported'));
            return;
        }

        button.disabled = true;
        try {
            var json = await options(form);
            var credential = kind === 'create'
                ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) })
                : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
            if (!credential) {
                throw new Error('no credential');
            }

            form.querySelector('[data-passkey-credential]').value = JSON.stringify(credential);

            // The verify screen's "Trust this device" box lives in the code form; its answer goes with the passkey too.
            var trust = document.getElementById('Input_TrustDevice');
            var trustCopy = form.querySelector('[data-passkey-trust]');
            if (trust && trustCopy) {
                trustCopy.value = trust.checked ? 'true' : 'false';
            }

            // The sign-in page's "Keep me signed in" box lives in the password form; its answer goes with the passkey too.
            var remember = document.getElementById('Input_RememberMe');
            var rememberCopy = form.querySelector('[data-passkey-remember]');
            if (remember && rememberCopy) {
                rememberCopy.value = remember.checked ? 'true' : 'false';
            }

            form.submit();
        } catch (error) {
            button.disabled = false;
            showError(form, error && error.name === 'NotAllowedError'
                ? form.getAttribute('data-error-refused')
                : form.getAttribute('data-error-failed'));
        }
    }

    document.querySelectorAll('form[data-passkey]').forEach(function (form) {
        form.addEventListener('submit', function (event) {
            // The second submit (by run, with the answer filled in) goes to the server.
            if (form.querySelector('[data-passkey-credential]').value) {
                return;
            }

            event.preventDefault();
            if (!form.checkValidity()) {
                form.reportValidity();
                return;
            }

            run(form, event.submitter || form.querySelector('button[type="submit"]'));
        });
    });
})();
