/// One input of a `FormView`: every input has a label, its standard `autocomplete` token, and its error next to it
/// (`aria-describedby`).
struct FormField {
    var name: String
    var label: String
    var type = "text"
    var autocomplete: String
    var value = ""
    var error: String?
    var hint: String?
    var inputMode: String?
    /// A checkbox rather than a text input, with an optional link beside its label.
    var checkbox = false
    var checked = false
    var link: (href: String, text: String)?
    /// A choice (`<select>`) rather than a text input; `value` is the selected option.
    var options: [(value: String, label: String)] = []

    var values: [String: Any] {
        var values: [String: Any] = [
            "name": name, "id": name, "label": label, "type": type, "autocomplete": autocomplete, "value": value,
            "checkbox": checkbox, "checked": checked, "select": !options.isEmpty, "plain": !checkbox && options.isEmpty,
            "options": options.map { ["value": $0.value, "label": $0.label, "selected": $0.value == value] },
        ]
        values["error"] = error
        values["hint"] = hint
        values["inputmode"] = inputMode
        if let link {
            values["linkHref"] = link.href
            values["linkText"] = link.text
        }
        return values
    }
}
