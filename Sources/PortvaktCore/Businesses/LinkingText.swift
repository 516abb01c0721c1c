/// The texts of linking a business in two steps: the customer number first, then the way that number links.
extension PageText {
    public var addBusinessLead: String {
        t("Ange kundnumret för den verksamhet du vill koppla ditt konto till.", "Enter the customer number of the business you want to link your account to.")
    }
    public var add: String { t("Lägg till", "Add") }
    public var customerNumberFormat: String {
        t("Ange kundnumret med siffror, 4 till 12 stycken.", "Enter the customer number in digits, 4 to 12 of them.")
    }
    public func chosenCustomerNumber(_ number: String) -> String { t("Kundnummer: \(number)", "Customer number: \(number)") }
    public var changeCustomerNumber: String { t("Byt kundnummer", "Use another customer number") }
    public var linkWithThePIN: String { t("Koppla med PIN-kod", "Link with the PIN") }
    public var linkWithThePINLead: String { t("Använd PIN-koden från den gamla kundwebben.", "Use the PIN from the old customer web.") }
    public var noPIN: String { t("Ingen PIN-kod?", "No PIN?") }
    public var linkByEmailInsteadLead: String {
        t("Vi skickar en länk till den e-postadress verksamheten har registrerad hos oss. Länken gäller i 24 timmar.",
          "We send a link to the e-mail address the business has registered with us. The link is valid for 24 hours.")
    }
    public var linkByEmailOnlyLead: String {
        t("Producenter och importörer kopplar kontot med en länk som vi skickar till den e-postadress verksamheten har registrerad hos oss. Länken gäller i 24 timmar.",
          "Producers and importers link their account with a link we send to the e-mail address the business has registered with us. The link is valid for 24 hours.")
    }
}
