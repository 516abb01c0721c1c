import Foundation

/// What an application says about the business: the fields of the application form, checked.
public struct ApplicationDetails: Sendable, Equatable {
    public var organisationNumber: OrganisationNumber
    public var name: String
    public var kind: Business.Kind
    /// The visiting address: street, postal code (5 digits, kept without the space) and city.
    public var streetAddress: String
    public var postalCode: String
    public var city: String
    /// Where invoices go.
    public var invoiceEmail: String
    /// The contact phone number, as written (digits, spaces, `+`, `-`).
    public var phone: String

    public init(
        organisationNumber: OrganisationNumber, name: String, kind: Business.Kind, streetAddress: String, postalCode: String, city: String,
        invoiceEmail: String, phone: String
    ) {
        self.organisationNumber = organisationNumber
        self.name = name
        self.kind = kind
        self.streetAddress = streetAddress
        self.postalCode = postalCode
        self.city = city
        self.invoiceEmail = invoiceEmail
        self.phone = phone
    }

    /// What is wrong with one field of the form.
    public enum Problem: Sendable, Equatable {
        case missing
        case tooLong(maximum: Int)
        case organisationNumber(OrganisationNumber.Problem)
        /// Not one of the register's kinds.
        case kind
        /// Not five digits (`123 45` or `12345`).
        case postalCode
        case email
        /// Not 7 to 15 digits, with only spaces, `+` (first), `-` and parentheses besides.
        case phone
    }

    /// Every field's problem, when a form is refused.
    public struct Problems: Error, Sendable, Equatable {
        public var byField: [Field: Problem]
    }

    /// The form's field names, in the order the form shows them.
    public enum Field: String, Sendable, CaseIterable {
        case organisationNumber = "org_number"
        case name
        case kind
        case streetAddress = "street_address"
        case postalCode = "postal_code"
        case city
        case invoiceEmail = "invoice_email"
        case phone
    }

    /// The longest text any field takes.
    public static var maximumLength: Int { 200 }

    /// The details in a posted form (keyed by `Field` raw values), or each field's problem. Surrounding spaces are
    /// trimmed; the organisation number is normalised to 10 digits and the postal code to 5.
    public static func parse(_ form: [String: String], today: Date) -> Result<ApplicationDetails, Problems> {
        var problems: [Field: Problem] = [:]
        func text(_ field: Field) -> String {
            let value = (form[field.rawValue] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty {
                problems[field] = .missing
            } else if value.count > maximumLength {
                problems[field] = .tooLong(maximum: maximumLength)
            }
            return value
        }
        let numberText = text(.organisationNumber)
        var number: OrganisationNumber?
        if problems[.organisationNumber] == nil {
            switch OrganisationNumber.parse(numberText, today: today) {
            case .success(let parsed): number = parsed
            case .failure(let problem): problems[.organisationNumber] = .organisationNumber(problem)
            }
        }
        let name = text(.name)
        let kindText = text(.kind)
        let kind = Business.Kind(rawValue: kindText)
        if problems[.kind] == nil, kind == nil { problems[.kind] = .kind }
        let street = text(.streetAddress)
        let postalText = text(.postalCode)
        let postal = postalText.filter { $0 != " " }
        if problems[.postalCode] == nil, !(postal.count == 5 && postal.allSatisfy { $0.isASCII && $0.isNumber }) {
            problems[.postalCode] = .postalCode
        }
        let city = text(.city)
        let email = text(.invoiceEmail)
        if problems[.invoiceEmail] == nil, !MailAddress(address: email).isPlausible { problems[.invoiceEmail] = .email }
        let phone = text(.phone)
        if problems[.phone] == nil, !isPhone(phone) { problems[.phone] = .phone }
        guard problems.isEmpty, let number, let kind else { return .failure(Problems(byField: problems)) }
        return .success(ApplicationDetails(
            organisationNumber: number, name: name, kind: kind, streetAddress: street, postalCode: postal, city: city, invoiceEmail: email,
            phone: phone))
    }

    /// 7 to 15 digits; spaces, `-`, parentheses, and a leading `+`, besides.
    static func isPhone(_ text: String) -> Bool {
        var digits = 0
        for (index, character) in text.enumerated() {
            if character.isASCII, character.isNumber {
                digits += 1
            } else if character == "+" {
                if index != 0 { return false }
            } else if !" -()".contains(character) {
                return false
            }
        }
        return (7...15).contains(digits)
    }

    /// The form's values for these details (to fill the form in again).
    public var form: [String: String] {
        [
            Field.organisationNumber.rawValue: organisationNumber.formatted, Field.name.rawValue: name, Field.kind.rawValue: kind.rawValue,
            Field.streetAddress.rawValue: streetAddress, Field.postalCode.rawValue: formattedPostalCode, Field.city.rawValue: city,
            Field.invoiceEmail.rawValue: invoiceEmail, Field.phone.rawValue: phone,
        ]
    }

    /// `123 45`.
    public var formattedPostalCode: String { postalCode.count == 5 ? "\(postalCode.prefix(3)) \(postalCode.suffix(2))" : postalCode }
}
