/// An HTML form as data, rendered by the `form` template: every input has a label, its standard `autocomplete`
/// token, and its error next to it (`aria-describedby`). Pages with several forms (the account page) list them.
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

/// A page of forms with an optional lead, notice and links under them.
struct FormPage {
    var title: String
    var lead: String?
    var notice: String?
    var forms: [FormView]
    var links: [(href: String, text: String)] = []

    var values: [String: Any] {
        var values: [String: Any] = [
            "forms": forms.map(\.values), "links": links.map { ["href": $0.href, "text": $0.text] },
        ]
        values["lead"] = lead
        values["notice"] = notice
        return values
    }
}
