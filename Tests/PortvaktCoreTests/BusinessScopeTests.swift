import Foundation
import Testing

@testable import PortvaktCore

/// The business scopes and the values of the business claims.
@Suite struct BusinessScopeTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func business(_ number: String, _ name: String, kind: Business.Kind = .retailer, activated: Bool = true) -> Business {
        Business(
            customerNumber: number, name: name, kind: kind, registeredEmail: "info@\(number).se", pinHash: nil,
            activatedAt: activated ? t0 : nil, createdAt: t0)
    }

    @Test(arguments: [
        ("business:0123436", "0123436"), ("business:000123456789", "000123456789"), ("business:123", nil), ("business:1234567890123", nil),
        ("business:12a4", nil), ("business:", nil), ("business", nil), ("memberships", nil), ("Business:0123436", nil),
        ("business:０１２３", nil),
    ] as [(String, String?)])
    func theCustomerNumberOfANamedBusinessScope(_ scope: String, number: String?) {
        #expect(BusinessScope.customerNumber(in: scope) == number)
        #expect(BusinessScope.isBusinessScope(scope) == (number != nil || scope == "business"))
    }

    @Test func theScopeOfACustomerNumberNamesIt() {
        #expect(BusinessScope.scope(for: "0123436") == "business:0123436")
        #expect(BusinessScope.customerNumber(in: BusinessScope.scope(for: "0123436")) == "0123436")
    }

    @Test func anActiveMembershipIsOfAnActivatedBusinessOnly() {
        #expect(ActiveMembership(business: Self.business("0123436", "Pantbutiken", activated: false), role: .admin) == nil)
        let active = ActiveMembership(business: Self.business("0123436", "Pantbutiken"), role: .user)
        #expect(active?.customerNumber == "0123436" && active?.role == .user)
    }

    @Test func theClaimObjects() {
        let bryggeriet = Self.business("0300001", "Bryggeriet", kind: .producer)
        #expect(BusinessScope.membership(bryggeriet, role: .admin) == .object([
            "customer_number": .string("0300001"), "name": .string("Bryggeriet"), "kind": .string("producer"), "role": .string("admin"),
        ]))
        #expect(BusinessScope.actingFor(bryggeriet, role: .user) == .object([
            "customer_number": .string("0300001"), "name": .string("Bryggeriet"), "role": .string("user"),
        ]))
    }

    @Test func theClaimValuesListEveryActiveBusinessAndTheOneActedFor() throws {
        let active = [
            try #require(ActiveMembership(business: Self.business("0123436", "Pantbutiken"), role: .admin)),
            try #require(ActiveMembership(business: Self.business("0300001", "Bryggeriet", kind: .producer), role: .user)),
        ]
        let memberships = JSONValue.array(active.map { BusinessScope.membership($0.business, role: $0.role) })
        #expect(BusinessScope.claimValues(active, scopes: ["openid", "memberships"]) == ["memberships": memberships])
        #expect(BusinessScope.claimValues(active, scopes: ["openid", "business:0300001"]) == [
            "memberships": memberships, "business": BusinessScope.actingFor(active[1].business, role: .user),
        ])
        #expect(BusinessScope.claimValues(active, scopes: ["business:0200001"])["business"] == nil, "not a business of the account")
        #expect(BusinessScope.claimValues(active, scopes: ["business"])["business"] == nil, "business itself names none")
        #expect(BusinessScope.claimValues([], scopes: ["memberships"]) == ["memberships": .array([])], "no business: an empty list")
    }
}
