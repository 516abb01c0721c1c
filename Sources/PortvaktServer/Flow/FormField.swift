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
    /// A choice (`<select>`) rather than a text input; `value` is the selected option.
    var options: [(value: String, label: String)] = []

    /// The element id: the name, unless the page already used it (`FormPage` makes ids unique).
    var id: String?

    var values: [String: Any] {
        let id = id ?? name
        var values: [String: Any] = [
            "name": name, "id": id, "label": label, "type": type, "autocomplete": autocomplete, "value": value,
            "select": !options.isEmpty, "plain": options.isEmpty,
            "options": options.map { ["value": $0.value, "label": $0.label, "selected": $0.value == value] },
        ]
        values["error"] = error
        values["hint"] = hint
        // The hint and the error are both read with the field; the error paragraph sits next to it.
        let described = [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }
        if !described.isEmpty { values["describedBy"] = described.joined(separator: " ") }
        values["inputmode"] = inputMode
        return values
    }
}
