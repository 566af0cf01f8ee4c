// "Copy codes": copies the text of the element named by data-copy, and says so to screen readers.
document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        var text = Array.prototype.map.call(source.querySelectorAll("code"), function (c) { return c.textContent; }).join("\n");
        navigator.clipboard.writeText(text).then(function () {
            button.textContent = "Copied";
            button.setAttribute("aria-live", "polite");
        });
    });
});
