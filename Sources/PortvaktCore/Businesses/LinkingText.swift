/// The texts of linking a business in two steps: the customer number first, then the way that number links. They are
/// the business pages' texts, so they live in `BusinessText.json` too.
extension PageText {
    public var addBusinessLead: String { businessText("addBusinessLead") }
    public var add: String { businessText("add") }
    public var customerNumberFormat: String { businessText("customerNumberFormat") }
    public func chosenCustomerNumber(_ number: String) -> String { businessText("chosenCustomerNumber", ["number": number]) }
    public var changeCustomerNumber: String { businessText("changeCustomerNumber") }
    public var linkWithThePIN: String { businessText("linkWithThePIN") }
    public var linkWithThePINLead: String { businessText("linkWithThePINLead") }
    public var noPIN: String { businessText("noPIN") }
    public var linkByEmailInsteadLead: String { businessText("linkByEmailInsteadLead") }
    public var linkByEmailOnlyLead: String { businessText("linkByEmailOnlyLead") }
}
