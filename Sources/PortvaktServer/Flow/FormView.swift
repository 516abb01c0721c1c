/// An HTML form as data, rendered by the `form` template. Pages with several forms (the account page) list them.
struct FormView {
    var action: String
    var submit: String
    var hidden: [(name: String, value: String)] = []
    var fields: [FormField] = []
    var heading: String?
    /// Lines of text above the form.
    var lines: [String] = []
    var notice: String?
    var secondary = false

    var values: [String: Any] {
        var values: [String: Any] = [
            "action": action, "submit": submit, "secondary": secondary, "lines": lines,
            "hidden": hidden.map { ["name": $0.name, "value": $0.value] }, "fields": fields.map(\.values),
        ]
        values["heading"] = heading
        values["formNotice"] = notice
        return values
    }
}
