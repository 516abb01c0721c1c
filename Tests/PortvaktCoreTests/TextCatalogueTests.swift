@testable import PortvaktCore
import Testing

@Suite struct TextCatalogueTests {
    @Test func placeholdersAreFilledInOnePassAndAMissingValueOrKeyStaysVisible() throws {
        let catalogue = try TextCatalogue(json: #"{"hello": {"sv": "Hej {name}, välkommen till {place}.", "en": "Hello {name}, welcome to {place}."}}"#, file: "t.json")
        #expect(catalogue.text("hello", .sv, ["name": "Anna", "place": "Mina sidor"]) == "Hej Anna, välkommen till Mina sidor.")
        #expect(catalogue.text("hello", .en, ["name": "{place}", "place": "x"]) == "Hello {place}, welcome to x.", "a value is not filled in again")
        #expect(catalogue.text("hello", .en, ["name": "Anna"]) == "Hello Anna, welcome to {place}.")
        #expect(catalogue.text("nothing", .sv) == "nothing")
        #expect(catalogue.keys == ["hello"] && catalogue.placeholders(of: "hello") == ["name", "place"])
    }

    @Test(arguments: [
        (#"{"a": {"sv": "A"}}"#, #"t.json: "a" needs a text in each of sv, en and no other language; it has sv"#),
        (#"{"a": {"sv": "A", "en": "A", "de": "A"}}"#, #"t.json: "a" needs a text in each of sv, en and no other language; it has de, en, sv"#),
        (#"{"a": {"sv": "Hej {namn}", "en": "Hello {name}"}}"#, #"t.json: "a" has different placeholders in its languages: sv {namn}; en {name}"#),
        (#"{"a": {"sv": "Hej {name", "en": "Hello {name}"}}"#, #"t.json: "a" in sv has a brace that is not part of a placeholder such as {name}"#),
        (#"{"a": {"sv": "Hej", "en": "Hello }"}}"#, #"t.json: "a" in en has a brace that is not part of a placeholder such as {name}"#),
        (#"{"a": {"sv": "Hej { }", "en": "Hello { }"}}"#, #"t.json: "a" in sv has a brace that is not part of a placeholder such as {name}"#),
    ])
    func aBrokenCatalogueIsRefusedNamingTheKey(json: String, problem: String) {
        #expect(throws: TextCatalogue.Problem(description: problem)) { try TextCatalogue(json: json, file: "t.json") }
    }

    @Test func aFileThatIsNotACatalogueIsRefusedNamingTheFile() {
        #expect(throws: TextCatalogue.Problem.self) { try TextCatalogue(json: #"{"a": "A"}"#, file: "t.json") }
        #expect(throws: TextCatalogue.Problem.self) { try TextCatalogue(json: "", file: "t.json") }
    }
}
