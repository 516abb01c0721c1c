import Foundation
import HTTPTypes
import NIOCore
import PortvaktBankID
import PortvaktBankIDSimulator
import PortvaktCore
import PortvaktCrypto
import PortvaktStore
import Testing

@testable import PortvaktServer

/// The BankID pages at the router level, with the simulator on the test's clock.
@Suite struct BankIDLoginTests {
    static let anna = "199001012385"
    static let olle = "201701012393"
    static var settings: [String: Any] { ["bankid": ["url": "simulator", "identities_file": "conf/bankid-test-identities.json"]] }

    func run(_ body: @Sendable (OIDCHarness, BankIDSimulator) async throws -> Void) async throws {
        try await OIDCHarness.run(Self.settings) { h in
            // A first-party client that may ask for the personnummer.
            try await h.services.store.createClient(ClientRegistration(
                id: "ssn-portal", name: "Mina sidor", redirectURIs: [OIDCHarness.redirect], scopes: ["openid", "profile", "email", "ssn"],
                firstParty: true, secretDigest: Digest.sha256(OIDCHarness.secret), createdAt: h.clock.now))
            try await body(h, try #require(h.bankIDSimulator))
        }
    }

    /// The order the browser is on, read from the store (what a scanning phone would see on the screen).
    func orderAt(_ h: OIDCHarness, _ location: String) async throws -> BankIDOrder {
        let id = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "id" }?.value)
        return try #require(try await h.services.store.bankIDOrder(id: id, seenAt: nil))
    }

    func status(_ h: OIDCHarness, _ order: BankIDOrder, lang: String = "sv") async throws -> [String: Any] {
        h.clock.advance(3)
        return try await h.get("\(BankIDRoutes.status)?id=\(order.id)&lang=\(lang)").json
    }

    @Test func signingUpWithBankIDOnAnotherDeviceGivesTokensWithTheFlowsAcrAndTheSSNUnderItsScope() async throws {
        try await run { h, simulator in
            let pendingID = try await h.pendingRequest(["client_id": "ssn-portal", "scope": "openid profile email ssn"])
            let login = try await h.get("/login?request=\(pendingID)")
            #expect(login.body.contains("\(BankIDRoutes.start)?request=\(pendingID)"))
            let choice = try await h.get("\(BankIDRoutes.start)?request=\(pendingID)&choose=1")
            #expect(choice.body.contains("Vill du använda BankID på den här enheten eller på en annan enhet?"))
            #expect(choice.body.contains("BankID på den här enheten") && choice.body.contains("BankID på annan enhet") && choice.body.contains("Verifiera"))
            let started = try await h.submit(choice, action: BankIDRoutes.start, ["start": "other-device"])
            #expect(started.status == .seeOther)
            let location = try #require(started.location)
            let page = try await h.get(location)
            #expect(page.body.contains("Starta BankID-appen.") && page.body.contains(BankIDRoutes.qr) && page.body.contains(#"http-equiv="refresh""#), "\(page.body)")
            let order = try await orderAt(h, location)
            #expect(!page.body.contains(order.qrStartSecret) && !page.body.contains(order.orderRef), "the secret and orderRef stay on the server")
            let svg = try await h.get("\(BankIDRoutes.qr)?id=\(order.id)&t=0")
            #expect(svg.headers[.contentType] == "image/svg+xml" && svg.body.hasPrefix("<svg"))

            h.clock.advance(1)
            let session = try await simulator.open(qr: BankIDQR.content(token: order.qrStartToken, secret: order.qrStartSecret, seconds: 1))
            #expect(try await status(h, order)["message"] as? String == "Söker efter BankID. Säkerställ att du har ett giltigt BankID på den här enheten.")
            try await simulator.identify(session: session, personalNumber: Self.anna, personalCode: "123456")
            let done = try #require(try await status(h, order)["next"] as? String)
            let toSignUp = try await h.get(done)
            let signUpLocation = try #require(toSignUp.location)
            #expect(signUpLocation.hasPrefix(BankIDRoutes.signUp))

            let emailPage = try await h.get(signUpLocation)
            #expect(emailPage.body.contains("Namn enligt BankID: Anna Testsson"))
            let codePage = try await h.submit(emailPage, action: BankIDRoutes.signUp, ["email": "anna.t@kiosken.se"])
            let details = try await h.submit(codePage, action: BankIDRoutes.signUpCode, ["code": try await h.code(mailedTo: "anna.t@kiosken.se")])
            #expect(details.body.contains("Genom att skapa kontot godkänner du integritetspolicyn") && details.body.contains(#"name="privacy" value="yes""#))
            let refused = try await h.submit(details, action: BankIDRoutes.signUpDetails, [:])
            #expect(refused.status == .badRequest && refused.body.contains("Du behöver godkänna integritetspolicyn"))
            let created = try await h.submit(details, action: BankIDRoutes.signUpDetails, ["privacy": "yes"])
            let account = try #require(try await h.services.store.account(personalNumber: Self.anna))
            #expect(account.email == "anna.t@kiosken.se" && account.emailVerified && account.givenName == "Anna" && account.privacyPolicyVersion != nil)

            let resumed = try await h.get(try #require(created.location))
            let code = try #require(resumed.redirectParameters["code"])
            let tokens = try await h.post(
                "/token", form: ["grant_type": "authorization_code", "code": code, "redirect_uri": OIDCHarness.redirect,
                                 "code_verifier": PKCEPair.standard.verifier],
                headers: [.authorization: "Basic " + Data("ssn-portal:\(OIDCHarness.secret)".utf8).base64EncodedString()]).json
            let idToken = try await h.verify(try #require(tokens["id_token"] as? String), as: IDTokenClaims.self)
            #expect(idToken.acr == "urn:grn:authn:se:bankid:another-device:qr" && idToken.amr == ["swk", "pin", "mfa"], "\(String(describing: idToken.acr)) \(String(describing: idToken.amr))")
            let userinfo = try await h.get("/userinfo", headers: [.authorization: "Bearer \(try #require(tokens["access_token"] as? String))"]).json
            #expect(userinfo["ssn"] as? String == Self.anna)

            // The personnummer is in the audit log only masked.
            let events = try await h.services.store.auditEvents(limit: 100, before: nil)
            #expect(events.contains { $0.details["personal_number"] == "19900101-****" })
            #expect(!events.contains { $0.details.values.contains { $0.contains(Self.anna) } })
            // The completed order cannot be used again.
            #expect(try await h.get(done).status == .badRequest)
        }
    }

    @Test func theEmbeddedSimulatorAnswersOnlyLoopbackNames() async throws {
        try await run { h, _ in
            let host = HTTPField.Name("Host")!  // a valid field name, never nil
            let local = try await h.get("\(BankIDSetup.simulatorPrefix)/app", headers: [host: "127.0.0.1:8080"])
            #expect(local.status == .ok)
            let v6 = try await h.get("\(BankIDSetup.simulatorPrefix)/app", headers: [host: "[::1]:8080"])
            #expect(v6.status == .ok)
            let rebound = try await h.get("\(BankIDSetup.simulatorPrefix)/app", headers: [host: "attacker.example"])
            #expect(rebound.status == .notFound, "a page of another site's name (DNS rebinding) gets nothing")
            let rp = try await h.client.execute(
                uri: "\(BankIDSetup.simulatorPrefix)/rp/v6.0/auth", method: .post,
                headers: [host: "attacker.example:8080", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"endUserIp":"127.0.0.1"}"#)) { $0.status }
            #expect(rp == .notFound)
        }
    }

    @Test func aKnownPersonLogsInOnTheSameDeviceWithoutSignUp() async throws {
        try await run { h, simulator in
            try await h.services.store.createAccount(Account(
                id: "acc-bankid", email: "olle@kiosken.se", emailVerified: true, givenName: "Olle", familyName: "Yngström", locale: nil,
                createdAt: h.clock.now, personalNumber: Self.olle))
            let pendingID = try await h.pendingRequest(["acr_values": "urn:grn:authn:se:bankid:same-device"])
            let started = try await h.get("\(BankIDRoutes.start)?request=\(pendingID)")
            #expect(started.status == .seeOther, "acr_values chose the flow: no choice page")
            let location = try #require(started.location)
            let page = try await h.get(location)
            let order = try await orderAt(h, location)
            #expect(page.body.contains("Öppna BankID-appen") && page.body.contains("/bankid-simulator/app?autostarttoken=\(order.autoStartToken)"))
            #expect(page.body.contains("Försöker starta BankID-appen.") && !page.body.contains(BankIDRoutes.qr))
            let session = try await simulator.open(autoStartToken: order.autoStartToken)
            try await simulator.identify(session: session, personalNumber: Self.olle, personalCode: "123456")
            h.clock.advance(3)
            let finished = try await h.get(location)
            #expect(finished.status == .found, "without JavaScript the reloaded page moves on")
            let done = try await h.get(try #require(finished.location))
            let code = try await h.followToCode(done)
            let tokens = try await h.exchange(code).json
            let idToken = try await h.verify(try #require(tokens["id_token"] as? String), as: IDTokenClaims.self)
            #expect(idToken.sub.value == "acc-bankid" && idToken.acr == "urn:grn:authn:se:bankid:same-device")
            let userinfo = try await h.get("/userinfo", headers: [.authorization: "Bearer \(try #require(tokens["access_token"] as? String))"]).json
            #expect(userinfo["ssn"] == nil, "no ssn scope, no personnummer")
        }
    }

    /// A same-device order whose app answers from `deviceIP`, the browser being on 192.0.2.10; its status.
    func relayedOrder(_ h: OIDCHarness, _ simulator: BankIDSimulator, deviceIP: String) async throws -> (BankIDOrder, [String: Any]) {
        h.peer.set("192.0.2.10")
        let pendingID = try await h.pendingRequest(["acr_values": "urn:grn:authn:se:bankid:same-device"])
        let started = try await h.get("\(BankIDRoutes.start)?request=\(pendingID)")
        let order = try await orderAt(h, try #require(started.location))
        #expect(order.endUserIp == "192.0.2.10")
        let session = try await simulator.open(autoStartToken: order.autoStartToken)
        try await simulator.identify(session: session, personalNumber: Self.olle, personalCode: "123456", deviceIP: deviceIP)
        return (order, try await status(h, order))
    }

    @Test func aSameDeviceOrderCompletedOnAnotherAddressIsRefusedWithAMessageTheUserUnderstands() async throws {
        try await run { h, simulator in
            let (order, status) = try await relayedOrder(h, simulator, deviceIP: "198.51.100.7")
            #expect(status["state"] as? String == "failed")
            #expect((status["message"] as? String)?.contains("BankID-appen användes på en annan enhet än den här") == true)
            let ended = try #require(try await h.services.store.bankIDOrder(id: order.id, seenAt: nil))
            #expect(ended.status == .failed && ended.errorCode == "deviceIpDiffers" && ended.completion == nil)
            let events = try await h.services.store.auditEvents(limit: 50, before: nil)
            let failed = try #require(events.first { $0.action == "bankid.failed" && $0.target == order.id })
            #expect(failed.details["device_ip_differs"] == "yes" && failed.details["personal_number"] == "20170101-****")
            #expect(!events.contains { $0.action == "bankid.completed" })
        }
    }

    @Test func aSameDeviceOrderOnTheBrowsersAddressCompletes() async throws {
        try await run { h, simulator in
            let (_, status) = try await relayedOrder(h, simulator, deviceIP: "192.0.2.10")
            #expect(status["state"] as? String == "complete")
        }
    }

    @Test func withTheAuditSettingADifferentAddressIsOnlyAudited() async throws {
        var settings = Self.settings
        settings["bankid"] = ["url": "simulator", "identities_file": "conf/bankid-test-identities.json", "same_device_ip_check": "audit"]
        try await OIDCHarness.run(settings) { h in
            let (order, status) = try await relayedOrder(h, try #require(h.bankIDSimulator), deviceIP: "198.51.100.7")
            #expect(status["state"] as? String == "complete")
            let events = try await h.services.store.auditEvents(limit: 50, before: nil)
            let completed = try #require(events.first { $0.action == "bankid.completed" && $0.target == order.id })
            #expect(completed.details["device_ip_differs"] == "yes")
        }
    }

    @Test func aPersonnummerFirstOrderOnlyThatPersonCanComplete() async throws {
        try await run { h, simulator in
            let choice = try await h.get(BankIDRoutes.start + "?choose=1")
            let wrong = try await h.submit(choice, action: BankIDRoutes.start, ["start": "other-device", "personal_number": "19900101-2386"])
            #expect(wrong.status == .badRequest && wrong.body.contains(#"id="personal_number-error">Skriv ett giltigt personnummer"#))
            // The form has three submit buttons; the personnummer one is the third form.
            var form = try OIDCHarness.hiddenFields(choice.body, action: BankIDRoutes.start)
            form["start"] = "other-device"
            form["personal_number"] = "900101-2385"
            let started = try await h.post(BankIDRoutes.start, form: form)
            let order = try await orderAt(h, try #require(started.location))
            let session = try await simulator.open(qr: BankIDQR.content(token: order.qrStartToken, secret: order.qrStartSecret, seconds: 0))
            await #expect(throws: BankIDSimulator.AppError.otherPerson) {
                try await simulator.identify(session: session, personalNumber: Self.olle, personalCode: "123456")
            }
            try await simulator.identify(session: session, personalNumber: Self.anna, personalCode: "123456")
            #expect(try await status(h, order)["next"] != nil)
        }
    }

    @Test func failuresShowTheirRFAMessageAndCancelEndsTheOrder() async throws {
        try await run { h, simulator in
            let choice = try await h.get(BankIDRoutes.start + "?lang=en&choose=1")
            let started = try await h.submit(choice, action: BankIDRoutes.start, ["start": "same-device"])
            let order = try await orderAt(h, try #require(started.location))
            let session = try await simulator.open(autoStartToken: order.autoStartToken)
            try await simulator.cancel(session: session)
            let failed = try await status(h, order, lang: "en")
            #expect(failed["state"] as? String == "failed" && failed["message"] as? String == "Action cancelled.")

            let second = try await h.submit(choice, action: BankIDRoutes.start, ["start": "other-device"])
            let secondOrder = try await orderAt(h, try #require(second.location))
            let page = try await h.get(try #require(second.location))
            let cancelled = try await h.submit(page, action: BankIDRoutes.cancel)
            #expect(cancelled.status == .seeOther && cancelled.location?.hasPrefix(BankIDRoutes.start) == true)
            let ended = try #require(try await h.services.store.bankIDOrder(id: secondOrder.id, seenAt: nil))
            #expect(ended.status == .cancelled)
            await #expect(throws: BankIDError.self) { try await simulator.collect(orderRef: secondOrder.orderRef) }

            h.clock.advance(31)
            let third = try await h.submit(choice, action: BankIDRoutes.start, ["start": "other-device"])
            let thirdOrder = try await orderAt(h, try #require(third.location))
            h.clock.advance(31)
            #expect(try await status(h, thirdOrder, lang: "en")["message"] as? String == "Failed to scan the QR code. Start the BankID app and scan the QR code.")
        }
    }

    @Test func anOrderNobodyWatchesIsCancelledAtBankID() async throws {
        try await run { h, simulator in
            let choice = try await h.get(BankIDRoutes.start + "?choose=1")
            let started = try await h.submit(choice, action: BankIDRoutes.start, ["start": "other-device"])
            let order = try await orderAt(h, try #require(started.location))
            let sweeper = BankIDSweeper(
                store: h.services.store, bankID: BankIDSetup(service: InProcessBankID(simulator: simulator), isSimulated: true), logger: TestPortvakt.logger)
            #expect(await sweeper.sweep(now: h.clock.now.addingTimeInterval(5)) == 0)
            // On the same device the user may be in the app with the browser asleep: not cancelled.
            let sameDevice = try await h.submit(choice, action: BankIDRoutes.start, ["start": "same-device"])
            let inApp = try await orderAt(h, try #require(sameDevice.location))
            let session = try await simulator.open(autoStartToken: inApp.autoStartToken)
            #expect(await sweeper.sweep(now: h.clock.now.addingTimeInterval(29)) == 0)
            #expect(await sweeper.sweep(now: h.clock.now.addingTimeInterval(31)) == 1, "only the unwatched QR order")
            await #expect(throws: BankIDError.self) { try await simulator.collect(orderRef: order.orderRef) }
            #expect(try await h.services.store.bankIDOrder(id: order.id, seenAt: nil)?.status == .cancelled)
            // Completed while nobody watched: kept for the browser that comes back.
            try await simulator.identify(session: session, personalNumber: Self.anna, personalCode: "123456")
            #expect(await sweeper.sweep(now: h.clock.now.addingTimeInterval(200)) == 0)
            #expect(try await h.services.store.bankIDOrder(id: inApp.id, seenAt: nil)?.status == .complete)
        }
    }

    @Test func anotherBrowserCannotWatchOrFinishTheOrder() async throws {
        try await run { h, _ in
            let choice = try await h.get(BankIDRoutes.start + "?choose=1")
            let started = try await h.submit(choice, action: BankIDRoutes.start, ["start": "other-device"])
            let location = try #require(started.location)
            h.jar.clear()
            _ = try await h.get(BankIDRoutes.start + "?choose=1")
            #expect(try await h.get(location).status == .badRequest)
            let order = try await orderAt(h, location)
            #expect(try await h.get("\(BankIDRoutes.qr)?id=\(order.id)").status == .notFound)
        }
    }

    @Test func orderStartsAreLimitedPerPersonnummer() async throws {
        try await run { h, _ in
            let choice = try await h.get(BankIDRoutes.start + "?choose=1")
            var form = try OIDCHarness.hiddenFields(choice.body, action: BankIDRoutes.start)
            form["start"] = "other-device"
            form["personal_number"] = "19900101-2385"
            for _ in 0..<10 {
                let answer = try await h.post(BankIDRoutes.start, form: form)
                #expect(!answer.body.contains("Vänta 3600 sekunder"))
            }
            let refused = try await h.post(BankIDRoutes.start, form: form)
            #expect(refused.status == .badRequest && refused.body.contains("För många försök. Vänta 3600 sekunder"))
            // Another person is not held back by Anna's count.
            form["personal_number"] = "20170101-2393"
            #expect(try await h.post(BankIDRoutes.start, form: form).status == .seeOther)
        }
    }
}

/// BankID where the customer guide puts it: "Skapa konto med BankID" first on the sign-up page, and `acr_values`
/// with a BankID value straight to BankID.
@Suite struct BankIDWhereTheGuidePutsItTests {
    @Test func signUpOffersBankIDFirstAndBankIDAcrValuesSkipTheMethodChoice() async throws {
        try await BankIDLoginTests().run { h, _ in
            let pendingID = try await h.pendingRequest()
            let signUp = try await h.get("\(AccountRoutes.signUp)?request=\(pendingID)")
            let bankID = try #require(signUp.body.range(of: "Skapa konto med BankID"))
            let email = try #require(signUp.body.range(of: "Eller skapa konto med e-post"))
            #expect(bankID.lowerBound < email.lowerBound && signUp.body.contains("\(BankIDRoutes.start)?request=\(pendingID)"))
            for acr in ["urn:grn:authn:se:bankid", "urn:grn:authn:se:bankid:same-device", "urn:grn:authn:se:bankid:another-device:qr"] {
                h.jar.clear()
                let location = try #require(try await h.authorize(["acr_values": acr], cookie: nil).location)
                let login = try await h.get(location)
                #expect(login.location?.hasPrefix(BankIDRoutes.start + "?request=") == true, "\(acr): \(login.location ?? login.body)")
            }
        }
    }
}

/// BankID's own guidance: on a computer the QR code at once with its instruction, "BankID på den här enheten" under
/// it; on a phone the same device first.
@Suite struct BankIDDeviceFirstTests {
    @Test func aComputerGetsTheQRCodeAtOnceAndAPhoneThisDevice() async throws {
        try await BankIDLoginTests().run { h, _ in
            let pendingID = try await h.pendingRequest()
            let desktop = try await h.get("\(BankIDRoutes.start)?request=\(pendingID)", headers: [.userAgent: "Mozilla/5.0 (X11; Linux x86_64)"])
            #expect(desktop.status == .seeOther)
            let page = try await h.get(try #require(desktop.location))
            #expect(page.body.contains(BankIDRoutes.qr) && page.body.contains("Starta BankID-appen och tryck på QR-symbolen."))
            #expect(page.body.contains("BankID på den här enheten") && page.body.contains("choose=1"), "the other device and the choice are ways on")
            let sameDevice = try await h.submit(page, action: BankIDRoutes.start, ["start": "same-device"])
            #expect(try await h.get(try #require(sameDevice.location)).body.contains("Öppna BankID-appen"))
            let phone = try await h.get(
                "\(BankIDRoutes.start)?request=\(pendingID)", headers: [.userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148"])
            let phonePage = try await h.get(try #require(phone.location))
            #expect(phonePage.body.contains("Öppna BankID-appen") && !phonePage.body.contains(BankIDRoutes.qr) && phonePage.body.contains("BankID på annan enhet"))
        }
    }
}

/// A page elsewhere that merely loads `/login/bankid` (an image, a prefetch) starts no BankID order.
@Suite struct BankIDNoOrderWithoutNavigationTests {
    @Test func noOrderWithoutAnAppsLoginOrFromAnotherSite() async throws {
        try await BankIDLoginTests().run { h, _ in
            let bare = try await h.get(BankIDRoutes.start)
            #expect(bare.status == .ok && bare.body.contains("Vill du använda BankID"), "no app waits: the choice, no order")
            let pendingID = try await h.pendingRequest()
            let image = try await h.get(
                "\(BankIDRoutes.start)?request=\(pendingID)", headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site", HTTPField.Name("Sec-Fetch-Mode")!: "no-cors"])
            #expect(image.status == .ok && image.location == nil, "loaded from another site: no order")
            let navigation = try await h.get(
                "\(BankIDRoutes.start)?request=\(pendingID)", headers: [HTTPField.Name("Sec-Fetch-Site")!: "same-origin", HTTPField.Name("Sec-Fetch-Mode")!: "navigate"])
            #expect(navigation.status == .seeOther)
        }
    }
}
