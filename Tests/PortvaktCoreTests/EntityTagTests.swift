import Testing

@testable import PortvaktCore

/// RFC 9110 §13.1.2: If-None-Match is `*` or a list of entity tags, compared weakly.
@Suite struct EntityTagTests {
    let tag = EntityTag(of: Array(#"{"keys":[]}"#.utf8))

    @Test func theTagIsTheQuotedBase64URLSHA256OfTheBytes() {
        #expect(tag.value.hasPrefix("\"") && tag.value.hasSuffix("\"") && tag.value.count == 45)
        #expect(tag == EntityTag(of: Array(#"{"keys":[]}"#.utf8)))
        #expect(tag != EntityTag(of: Array(#"{"keys":[1]}"#.utf8)))
    }

    @Test func matchesItselfAStarAListAndItsWeakForm() {
        #expect(tag.matches(ifNoneMatch: [tag.value]))
        #expect(tag.matches(ifNoneMatch: ["*"]))
        #expect(tag.matches(ifNoneMatch: [#""other", \#(tag.value)"#]))
        #expect(tag.matches(ifNoneMatch: [#""other""#, "W/\(tag.value)"]), "several field lines, weak comparison")
        #expect(tag.matches(ifNoneMatch: [" \t\(tag.value) ,"]))
        #expect(tag.matches(ifNoneMatch: [#""a,b", \#(tag.value)"#]), "a comma inside a tag is part of it")
    }

    @Test func doesNotMatchOtherTagsOrMalformedLists() {
        #expect(!tag.matches(ifNoneMatch: []))
        #expect(!tag.matches(ifNoneMatch: [""]))
        #expect(!tag.matches(ifNoneMatch: [#""other""#]))
        #expect(!tag.matches(ifNoneMatch: [String(tag.value.dropFirst().dropLast())]), "unquoted")
        #expect(!tag.matches(ifNoneMatch: ["garbage, \(tag.value)"]), "reading stops at what is not an entity tag")
        #expect(!tag.matches(ifNoneMatch: ["w/\(tag.value)"]), "W/ is case-sensitive")
        #expect(!tag.matches(ifNoneMatch: [#""with space", \#(tag.value)"#]))
    }
}
