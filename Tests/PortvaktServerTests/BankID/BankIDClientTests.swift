import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PortvaktBankID
import PortvaktBankIDSimulator
import PortvaktCore
import Testing

/// The RP API client against the simulator over real HTTP on 127.0.0.1, and over mutual TLS: every outcome an
/// order can have, seen through `/collect` as a relying party sees it.
@Suite struct BankIDClientTests {
    static let anna = "199001012385"
    static let olle = "201701012393"
    static let identities = [
        BankIDTestIdentity(personalNumber: anna, givenName: "Anna", surname: "Testsson", name: "Anna Testsson", personalCode: "123456"),
        BankIDTestIdentity(personalNumber: olle, givenName: "Olle", surname: "Yngström", name: "Olle Yngström", personalCode: "654321"),
    ]

    /// Runs `body` with a simulator served on a free loopback port and a client pointed at it.
    func withSimulator(
        tls certificates: TestCertificates? = nil, clientCertificate: Bool = true,
        _ body: @Sendable (HTTPBankIDClient, BankIDSimulator, TestClock) async throws -> Void
    ) async throws {
        let clock = TestClock()
        let simulator = BankIDSimulator(identities: Self.identities, now: { clock.now })
        let tls = certificates.map {
            SimulatorServer.TLS(certificateFile: $0.serverCertificateFile, keyFile: $0.serverKeyFile, clientCAFile: $0.caFile)
        }
        var logger = Logger(label: "bankid-simulator-test")
        logger.logLevel = .warning
        let app = try SimulatorServer.application(simulator: simulator, host: "127.0.0.1", port: 0, tls: tls, logger: logger)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let scheme = certificates == nil ? "http" : "https"
            let clientTLS = certificates.map {
                HTTPBankIDClient.TLS(
                    certificateFile: clientCertificate ? $0.clientCertificateFile : nil, keyFile: clientCertificate ? $0.clientKeyFile : nil,
                    caFile: $0.caFile)
            } ?? .init()
            let bankID = try HTTPBankIDClient(baseURL: "\(scheme)://127.0.0.1:\(port)/rp/v6.0/", tls: clientTLS)
            try await body(bankID, simulator, clock)
        }
    }

    func start(_ bankID: HTTPBankIDClient, requiring: String? = nil) async throws -> BankIDWire.AuthResponse {
        try await bankID.auth(.init(
            endUserIp: "192.0.2.10", requirement: requiring.map { .init(personalNumber: $0) },
            userVisibleData: Data("Logga in på Mina sidor".utf8).base64EncodedString()))
    }

    @Test func aScannedQRCodeAndTheRightCodeComplete() async throws {
        try await withSimulator { bankID, simulator, clock in
            let order = try await start(bankID)
            #expect(try await bankID.collect(orderRef: order.orderRef).hintCode == "outstandingTransaction")
            clock.advance(2)
            let session = try await simulator.open(qr: BankIDQR.content(token: order.qrStartToken, secret: order.qrStartSecret, seconds: 2))
            #expect(try await bankID.collect(orderRef: order.orderRef).hintCode == "started")
            try await simulator.identify(session: session, personalNumber: Self.anna, personalCode: "123456")
            let done = try await bankID.collect(orderRef: order.orderRef)
            #expect(done.status == "complete" && done.completionData?.user.personalNumber == Self.anna && done.completionData?.user.givenName == "Anna")
        }
    }

    @Test func aQRCodeFromAnEarlierSecondOrWithAWrongHMACIsRefused() async throws {
        try await withSimulator { bankID, simulator, clock in
            let order = try await start(bankID)
            clock.advance(5)
            let stale = BankIDQR.content(token: order.qrStartToken, secret: order.qrStartSecret, seconds: 1)
            await #expect(throws: BankIDSimulator.AppError.expiredQR) { try await simulator.open(qr: stale) }
            let forged = BankIDQR.content(token: order.qrStartToken, secret: "not-the-secret", seconds: 5)
            await #expect(throws: BankIDSimulator.AppError.invalidQR) { try await simulator.open(qr: forged) }
        }
    }

    @Test func theUserCancelsInTheApp() async throws {
        try await withSimulator { bankID, simulator, _ in
            let order = try await start(bankID)
            let session = try await simulator.open(autoStartToken: order.autoStartToken)
            try await simulator.cancel(session: session)
            let collected = try await bankID.collect(orderRef: order.orderRef)
            #expect(collected.status == "failed" && collected.hintCode == "userCancel")
        }
    }

    @Test func aSecondOrderForThePersonIsRefusedAndTheFirstCancelled() async throws {
        try await withSimulator { bankID, _, _ in
            let first = try await start(bankID, requiring: Self.anna)
            let error = await #expect(throws: BankIDError.self) { try await start(bankID, requiring: Self.anna) }
            #expect(error?.is("alreadyInProgress") == true && error?.status == 400)
            let collected = try await bankID.collect(orderRef: first.orderRef)
            #expect(collected.status == "failed" && collected.hintCode == "cancelled")
            #expect(BankIDMessage.error(code: error?.errorCode ?? "") == .rfa4)
        }
    }

    @Test func nobodyPicksTheOrderUpAndItFailsWithStartFailed() async throws {
        try await withSimulator { bankID, _, clock in
            let order = try await start(bankID)
            clock.advance(31)
            let collected = try await bankID.collect(orderRef: order.orderRef)
            #expect(collected.status == "failed" && collected.hintCode == "startFailed")
        }
    }

    @Test func anOpenedOrderLeftAloneExpires() async throws {
        try await withSimulator { bankID, simulator, clock in
            let order = try await start(bankID)
            _ = try await simulator.open(autoStartToken: order.autoStartToken)
            clock.advance(181)
            let collected = try await bankID.collect(orderRef: order.orderRef)
            #expect(collected.status == "failed" && collected.hintCode == "expiredTransaction")
        }
    }

    @Test func wrongCodesEndInCertificateErr() async throws {
        try await withSimulator { bankID, simulator, _ in
            let order = try await start(bankID)
            let session = try await simulator.open(autoStartToken: order.autoStartToken)
            try await simulator.identify(session: session, personalNumber: Self.anna, personalCode: "000000")
            #expect(try await bankID.collect(orderRef: order.orderRef).hintCode == "userSign")
            for _ in 0..<2 { try await simulator.identify(session: session, personalNumber: Self.anna, personalCode: "000000") }
            let collected = try await bankID.collect(orderRef: order.orderRef)
            #expect(collected.status == "failed" && collected.hintCode == "certificateErr")
        }
    }

    @Test func anUnknownHintCodeIsPassedOnAndGetsTheGenericMessage() async throws {
        try await withSimulator { bankID, simulator, _ in
            let order = try await start(bankID)
            let session = try await simulator.open(autoStartToken: order.autoStartToken)
            try await simulator.setHint(session: session, hintCode: "brandNewHint")
            let collected = try await bankID.collect(orderRef: order.orderRef)
            #expect(collected.status == "pending" && collected.hintCode == "brandNewHint")
            #expect(BankIDMessage.pending(hintCode: collected.hintCode, start: .otherDevice) == .rfa21)
        }
    }

    @Test func maintenanceIsA503ThatMayBeRetried() async throws {
        try await withSimulator { bankID, simulator, _ in
            await simulator.setMaintenance(true)
            let error = await #expect(throws: BankIDError.self) { try await start(bankID) }
            #expect(error?.status == 503 && error?.is("maintenance") == true && error?.isRetryable == true)
            await simulator.setMaintenance(false)
            _ = try await start(bankID)
        }
    }

    @Test func badInputGetsTheServicesErrors() async throws {
        try await withSimulator { bankID, _, _ in
            let unknown = await #expect(throws: BankIDError.self) { try await bankID.collect(orderRef: "no-such-order") }
            #expect(unknown?.is("invalidParameters") == true && unknown?.status == 400)
            let badIP = await #expect(throws: BankIDError.self) { try await bankID.auth(.init(endUserIp: "not-an-ip")) }
            #expect(badIP?.is("invalidParameters") == true)
            let order = try await start(bankID)
            try await bankID.cancel(orderRef: order.orderRef)
            let cancelled = await #expect(throws: BankIDError.self) { try await bankID.collect(orderRef: order.orderRef) }
            #expect(cancelled?.is("invalidParameters") == true)
        }
    }

    @Test func theClientWorksOverMutualTLSAndIsRefusedWithoutItsCertificate() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        try await withSimulator(tls: certificates) { bankID, simulator, _ in
            let order = try await start(bankID, requiring: Self.olle)
            let session = try await simulator.open(autoStartToken: order.autoStartToken)
            try await simulator.identify(session: session, personalNumber: Self.olle, personalCode: "654321")
            let done = try await bankID.collect(orderRef: order.orderRef)
            #expect(done.status == "complete" && done.completionData?.user.surname == "Yngström")
        }
        try await withSimulator(tls: certificates, clientCertificate: false) { bankID, _, _ in
            let error = await #expect(throws: BankIDError.self) { try await start(bankID) }
            #expect(error?.is("unreachable") == true, "the handshake fails without the RP's certificate")
        }
    }
}
