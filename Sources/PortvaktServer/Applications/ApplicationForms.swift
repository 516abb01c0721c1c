import Foundation
import PortvaktCore
import PortvaktStore

/// The application form and its answer form, the same wherever they are (the account console, inside an
/// authorization): every input labelled, its message at it (`FormField`), the kind a choice of the register's
/// kinds with none chosen at first. `action` and `hidden` say where the form posts and what it carries (the page's CSRF token, the
/// pending request).
struct ApplicationForms {
    let text: PageText
    let action: String
    let hidden: [(name: String, value: String)]

    /// The fields of the form in `ApplicationDetails.Field` order, filled with `values` (the posted form, or an
    /// application's `details.form`), each with its message from `errors`. Without the organisation number when
    /// it cannot change (an answer).
    func fields(_ values: [String: String], errors: [String: String], withNumber: Bool = true) -> [FormField] {
        ApplicationDetails.Field.allCases.filter { withNumber || $0 != .organisationNumber }.map { field in
            let name = field.rawValue
            var input = FormField(
                name: name, label: text.applicationLabel(field), autocomplete: Self.autocomplete(field),
                value: String((values[name] ?? "").prefix(ApplicationDetails.maximumLength + 50)), error: errors[name])
            switch field {
            case .organisationNumber: input.hint = text.organisationNumberHint
            case .kind:
                // "Välj …" first and selected until a kind is chosen: a skipped choice is missing, never a retailer.
                input.options = [("", text.chooseBusinessKind)] + Business.Kind.allCases.map { ($0.rawValue, text.businessKind($0)) }
                if Business.Kind(rawValue: input.value) == nil { input.value = "" }
            case .invoiceEmail: input.type = "email"
            case .phone: input.type = "tel"
            case .postalCode: input.inputMode = "numeric"
            case .name, .streetAddress, .city: break
            }
            return input
        }
    }

    /// The standard `autocomplete` token of each field: the business's own details, not the person's.
    static func autocomplete(_ field: ApplicationDetails.Field) -> String {
        switch field {
        case .organisationNumber, .kind: "off"
        case .name: "organization"
        case .streetAddress: "address-line1"
        case .postalCode: "postal-code"
        case .city: "address-level2"
        case .invoiceEmail: "email"
        case .phone: "tel"
        }
    }

    /// The application form: who applies, the fields, "Skicka ansökan"; the form's own notice (a spent budget)
    /// above it, and under it `linkInstead`, the way to linking, when the number is in the register.
    func applicationForm(
        applicant: Applicant?, values: [String: String], errors: [String: String], linkInstead: String?
    ) -> FormView {
        var lines = [text.applicationFormLead]
        if let applicant { lines.insert(text.applicantLine(name: applicant.name, email: applicant.email), at: 0) }
        return FormView(
            action: action, submit: text.sendApplication, hidden: hidden, fields: fields(values, errors: errors), lines: lines,
            notice: errors["form"], cancel: linkInstead.map { ($0, text.linkWithCustomerNumberInstead) })
    }

    /// The "Ny kund?" way beside linking a customer number: a form that only asks for the application form.
    static func newCustomerWay(_ text: PageText, action: String, hidden: [(name: String, value: String)]) -> FormView {
        FormView(
            action: action, submit: text.applyButton, hidden: hidden, heading: text.newCustomer, lines: [text.newCustomerLead], secondary: true,
            method: "get")
    }


}
