import Foundation
import PortvaktCore

/// Linking a business, as forms: the same two steps in the account console and inside an authorization.
/// First the customer number alone ("Lägg till"), a GET of the page itself that changes nothing; then the way that
/// number links. A producer's or importer's number gets the mailed link only, never a PIN field; a retailer's and
/// an unknown number get the same step (the PIN, or a mailed link instead), so the register cannot be enumerated.
struct LinkingForms {
    enum Step: Equatable {
        /// The number form, with what was given and why it was not a customer number.
        case number(given: String, error: String?)
        /// The ways `number` links; `mailOnly` for producers and importers.
        case way(number: String, mailOnly: Bool)

        /// A number that was not one: the page answers 400.
        var isRefused: Bool { if case .number(_, .some) = self { true } else { false } }
    }

    let text: PageText
    /// The page the number form asks again (by GET), with the fields that keep the flow: never the CSRF token.
    let page: String
    let pageHidden: [(name: String, value: String)]
    /// The PIN and mail forms' actions, and the hidden fields a POST carries (the CSRF token among them).
    let pinAction: String
    let mailAction: String
    let postHidden: [(name: String, value: String)]

    /// The step for the customer number a page was asked with (`customer_number` in its query), if any.
    static func step(given: String?, text: PageText, kind: (String) async throws -> Business.Kind?) async rethrows -> Step {
        guard let given else { return .number(given: "", error: nil) }
        let number = given.trimmingCharacters(in: .whitespaces)
        guard Business.isCustomerNumber(number) else { return .number(given: String(given.prefix(32)), error: text.customerNumberFormat) }
        // An unknown number is looked up the same way and answered as a retailer's.
        let kind = try await kind(number)
        return .way(number: number, mailOnly: kind.map { !$0.mayUsePIN } ?? false)
    }

    /// The forms of `step`. `errors` are keyed by field: `customer_number`, `pin`, and `mail` (the mail form's).
    func forms(_ step: Step, errors: [String: String] = [:]) -> [FormView] {
        switch step {
        case .number(let given, let error):
            return [
                FormView(
                    action: page, submit: text.add, hidden: pageHidden,
                    fields: [
                        FormField(name: "customer_number", label: text.customerNumber, autocomplete: "off", value: given,
                                  error: error ?? errors["customer_number"], inputMode: "numeric"),
                    ],
                    heading: text.onboardingTitle, lines: [text.addBusinessLead], method: "get"),
            ]
        case .way(let number, let mailOnly):
            let changeNumber = (href: page + Self.query(pageHidden), text: text.changeCustomerNumber)
            let mail = FormView(
                action: mailAction, submit: text.sendLink, hidden: postHidden + [("email_customer_number", number)],
                heading: mailOnly ? text.linkByEmail : text.noPIN,
                lines: mailOnly ? [text.chosenCustomerNumber(number), text.linkByEmailOnlyLead] : [text.linkByEmailInsteadLead],
                notice: errors["mail"], secondary: !mailOnly, cancel: mailOnly ? changeNumber : nil)
            if mailOnly { return [mail] }
            let pin = FormView(
                action: pinAction, submit: text.link, hidden: postHidden + [("customer_number", number)],
                fields: [FormField(name: "pin", label: text.pin, type: "password", autocomplete: "off", error: errors["pin"], inputMode: "numeric")],
                heading: text.linkWithThePIN, lines: [text.chosenCustomerNumber(number), text.linkWithThePINLead], cancel: changeNumber)
            return [pin, mail]
        }
    }

    private static func query(_ fields: [(name: String, value: String)]) -> String {
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.name, value: $0.value) }
        return components.percentEncodedQuery.map { "?" + $0 } ?? ""
    }
}
