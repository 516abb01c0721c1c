/// An HTML form as data, rendered by the `form` template. Pages with several forms (the account page) list them.
struct FormView {
    var action: String
    var method = "post"
    var submit: String
    var hidden: [(name: String, value: String)] = []
    var fields: [FormField] = []
    var heading: String?
    /// Lines of text above the form.
    var lines: [String] = []
    var notice: String?
    var secondary = false
    /// A confirm step's button: it posts `confirm=yes`.
    var confirm = false
    /// A way back under the form ("Avbryt" on a confirm step).
    var cancel: (href: String, text: String)?

    var values: [String: Any] {
        var values: [String: Any] = [
            "action": action, "method": method, "submit": submit, "hasSubmit": !submit.isEmpty, "secondary": secondary, "lines": lines,
            "hidden": hidden.map { ["name": $0.name, "value": $0.value] }, "fields": fields.map(\.values),
        ]
        values["heading"] = heading
        values["formNotice"] = notice
        values["confirm"] = confirm
        if let cancel { values["cancel"] = ["href": cancel.href, "text": cancel.text] }
        return values
    }
}
