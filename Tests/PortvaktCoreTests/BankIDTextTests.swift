@testable import PortvaktCore
import Testing

/// The BankID pages' texts come from `BankIDText.json` (a `TextCatalogue`): the file loads, every key it has is
/// asked for and every key asked for is in it, and every text comes out whole in both languages.
@Suite struct BankIDTextTests {
    @Test func theCatalogueHasEveryKeyInBothLanguagesWithTheSamePlaceholders() throws {
        let catalogue = try TextCatalogue(json: PageText.bankIDTextJSON, file: "BankIDText.json")
        #expect(catalogue.placeholders(of: "bankIDUserVisibleData") == ["service"])
    }

    @Test func theAccessorsAskForExactlyTheCataloguesKeys() throws {
        try CatalogueSource.expectAsked(exactly: PageText.bankIDTexts.keys, by: "bankIDText", in: ["Sources/PortvaktCore/BankID/BankIDText.swift"])
    }

    @Test(arguments: PageLanguage.allCases)
    func everyTextComesOutWholeWithItsValuesFilledIn(_ language: PageLanguage) {
        let t = PageText(language)
        let texts: [String] = [
            t.bankIDMethod,
            t.bankIDTitle,
            t.bankIDThisDevice,
            t.bankIDOtherDevice,
            t.bankIDQRInstruction,
            t.bankIDMoreOptions,
            t.bankIDPersonalNumber,
            t.bankIDPersonalNumberHint,
            t.bankIDVerify,
            t.bankIDInvalidPersonalNumber,
            t.bankIDOpenApp,
            t.bankIDQRAlt,
            t.bankIDCancel,
            t.bankIDTryAgain,
            t.bankIDSignUpLead,
        ]
        for text in texts {
            #expect(CatalogueSource.isWhole(text), "\(text)")
        }
        // Each value lands in its place.
        let filled: [(text: String, values: [String])] = [
            (t.bankIDUserVisibleData(service: "Mina sidor"), ["Mina sidor"]),
            (t.bankIDSignUpName("Karin Ek"), ["Karin Ek"]),
        ]
        for (text, values) in filled {
            #expect(values.allSatisfy(text.contains) && CatalogueSource.isWhole(text), "\(text)")
        }
    }

    @Test func theTextsAreTheOnesTheSwiftLiteralsHad() {
        let sv = PageText(.sv), en = PageText(.en)
        #expect(sv.bankIDUserVisibleData(service: "Mina sidor") == "Logga in på Mina sidor")
        #expect(en.bankIDSignUpName("Karin Ek") == "Name according to BankID: Karin Ek")
        #expect(sv.bankIDPersonalNumberHint
            == "Valfritt: fyll i ditt personnummer (ÅÅÅÅMMDD-NNNN) och klicka på Verifiera. Starta sedan BankID på den enhet du vill använda.")
    }
}
