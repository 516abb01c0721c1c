import Testing

@testable import PortvaktCore

/// `ApplicationLifecycle.decide` for every status and every action: the whole table, so a new status or action
/// that is not decided here fails the count.
@Suite struct ApplicationLifecycleTests {
    static let table: [(ApplicationStatus, ApplicationAction, ApplicationLifecycle.Transition)] = [
        (.submitted, .answer, .notExpected(.submitted)),
        (.submitted, .withdraw, .to(.withdrawn)),
        (.submitted, .approve, .to(.approved)),
        (.submitted, .requestInformation, .to(.infoRequested)),
        (.submitted, .reject, .to(.rejected)),
        (.infoRequested, .answer, .to(.submitted)),
        (.infoRequested, .withdraw, .to(.withdrawn)),
        (.infoRequested, .approve, .to(.approved)),
        (.infoRequested, .requestInformation, .to(.infoRequested)),
        (.infoRequested, .reject, .to(.rejected)),
        (.approved, .answer, .alreadyFinal(.approved)),
        (.approved, .withdraw, .alreadyFinal(.approved)),
        (.approved, .approve, .alreadyFinal(.approved)),
        (.approved, .requestInformation, .alreadyFinal(.approved)),
        (.approved, .reject, .alreadyFinal(.approved)),
        (.rejected, .answer, .alreadyFinal(.rejected)),
        (.rejected, .withdraw, .alreadyFinal(.rejected)),
        (.rejected, .approve, .alreadyFinal(.rejected)),
        (.rejected, .requestInformation, .alreadyFinal(.rejected)),
        (.rejected, .reject, .alreadyFinal(.rejected)),
        (.withdrawn, .answer, .alreadyFinal(.withdrawn)),
        (.withdrawn, .withdraw, .alreadyFinal(.withdrawn)),
        (.withdrawn, .approve, .alreadyFinal(.withdrawn)),
        (.withdrawn, .requestInformation, .alreadyFinal(.withdrawn)),
        (.withdrawn, .reject, .alreadyFinal(.withdrawn)),
    ]

    static let actions: [ApplicationAction] = [.answer, .withdraw, .approve, .requestInformation, .reject]

    @Test(arguments: table)
    func decides(_ status: ApplicationStatus, _ action: ApplicationAction, _ expected: ApplicationLifecycle.Transition) {
        #expect(ApplicationLifecycle.decide(status, action) == expected)
    }

    @Test func theTableCoversEveryStatusAndAction() {
        #expect(Self.table.count == ApplicationStatus.allCases.count * Self.actions.count)
        for status in ApplicationStatus.allCases {
            #expect(Set(Self.table.filter { $0.0 == status }.map { "\($0.1)" }).count == Self.actions.count, "\(status)")
        }
    }

    @Test func onlyOpenApplicationsChangeAndEveryChangeLeavesAStatusTheTableKnows() {
        for (status, action, transition) in Self.table {
            if case .to(let next) = transition {
                #expect(status.isOpen, "\(status) \(action)")
                #expect(next.isOpen == (action == .answer || action == .requestInformation), "\(status) \(action) -> \(next)")
            }
        }
        #expect(ApplicationStatus.open == [.submitted, .infoRequested])
    }

    @Test(arguments: [
        (ApplicationAction.answer, "application.answered"), (.withdraw, "application.withdrawn"), (.approve, "application.approved"),
        (.requestInformation, "application.info_requested"), (.reject, "application.rejected"),
    ])
    func anActionHasItsAuditName(_ action: ApplicationAction, _ audit: String) {
        #expect(action.auditAction == audit)
    }

    @Test(arguments: [
        (ApplicationDecision.approve, ApplicationAction.approve, String?.none),
        (.requestInformation(message: "Vilken adress?"), .requestInformation, "Vilken adress?"),
        (.reject(reason: "Inte en verksamhet"), .reject, "Inte en verksamhet"),
    ])
    func aDecisionIsItsActionWithItsMessage(_ decision: ApplicationDecision, _ action: ApplicationAction, _ message: String?) {
        #expect(decision.action == action && decision.message == message)
    }
}
