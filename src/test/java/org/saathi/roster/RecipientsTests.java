package org.saathi.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.saathi.facts.Role;

/**
 * Who is asked for the roles a severity's policy names: a table of cases, each with the
 * participant's staffing, the roles asked and the people expected, with the reason each is asked.
 */
class RecipientsTests {

    private static final String MENTOR = "mentor-1";
    private static final String COUNSELLOR = "counsellor-1";
    private static final String SUPERVISOR = "supervisor-1";
    private static final String OTHER_SUPERVISOR = "supervisor-2";
    private static final String ADMIN = "admin-1";
    private static final String LEAD = "lead-1";

    /** The participant's staff as the roster has them; every staff member active unless named. */
    record Staffing(boolean consent, Optional<String> supervisor, List<String> programmeSupervisors,
            List<String> admins, List<String> leads, Set<String> deactivated) {

        static Staffing usual() {
            return new Staffing(true, Optional.of(SUPERVISOR), List.of(SUPERVISOR, OTHER_SUPERVISOR), List.of(ADMIN),
                    List.of(LEAD), Set.of());
        }

        Staffing withoutConsent() {
            return new Staffing(false, supervisor, programmeSupervisors, admins, leads, deactivated);
        }

        Staffing withoutSupervisor() {
            return new Staffing(consent, Optional.empty(), programmeSupervisors, admins, leads, deactivated);
        }

        /** Deactivated staff are not among the programme's active supervisors either. */
        Staffing deactivated(String... staff) {
            Set<String> off = Set.of(staff);
            return new Staffing(consent, supervisor,
                    programmeSupervisors.stream().filter(s -> !off.contains(s)).toList(), admins, leads, off);
        }

        Staffing withProgrammeSupervisors(String... supervisors) {
            return new Staffing(consent, supervisor, List.of(supervisors), admins, leads, deactivated);
        }

        Staffing withAdmins(String... programmeAdmins) {
            return new Staffing(consent, supervisor, programmeSupervisors, List.of(programmeAdmins), leads,
                    deactivated);
        }

        ParticipantContext participant() {
            return new ParticipantContext("P-1", "prog-1", ParticipantStatus.ACTIVE, true,
                    Instant.parse("2026-01-05T09:00:00Z"), ParticipantContext.DEFAULT_TIMEZONE, MENTOR, COUNSELLOR,
                    supervisor, consent, programmeSupervisors, admins, leads, deactivated, Set.of(), Optional.empty());
        }
    }

    record Case(String name, Staffing staffing, List<Role> roles, List<Recipient> expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("WATCH: the peer mentor, with the participant's consent", Staffing.usual(),
                        List.of(Role.PEER_MENTOR),
                        List.of(mentor("assigned peer mentor"))),
                new Case("WATCH without consent: the counsellor instead, and the alert says why",
                        Staffing.usual().withoutConsent(), List.of(Role.PEER_MENTOR),
                        List.of(counsellor(Recipients.NO_CONSENT))),
                new Case("WATCH, the peer mentor deactivated: the counsellor in their place",
                        Staffing.usual().deactivated(MENTOR), List.of(Role.PEER_MENTOR),
                        List.of(counsellor(Recipients.MENTOR_DEACTIVATED))),
                new Case("WARNING: the counsellor and the assigned supervisor", Staffing.usual(),
                        List.of(Role.COUNSELLOR, Role.SUPERVISOR),
                        List.of(counsellor("assigned counsellor"), supervisor(SUPERVISOR, "assigned supervisor"))),
                new Case("WARNING, the counsellor deactivated: the supervisor asked once, for both reasons",
                        Staffing.usual().deactivated(COUNSELLOR), List.of(Role.COUNSELLOR, Role.SUPERVISOR),
                        List.of(supervisor(SUPERVISOR, Recipients.COUNSELLOR_DEACTIVATED + "; assigned supervisor"))),
                new Case("the counsellor and their supervisor deactivated: every other supervisor of the programme",
                        Staffing.usual().deactivated(COUNSELLOR, SUPERVISOR), List.of(Role.COUNSELLOR),
                        List.of(supervisor(OTHER_SUPERVISOR, Recipients.COUNSELLOR_DEACTIVATED))),
                new Case("no supervisor assigned: every supervisor of the programme", Staffing.usual()
                        .withoutSupervisor(), List.of(Role.SUPERVISOR),
                        List.of(supervisor(SUPERVISOR, "programme supervisor (none assigned)"),
                                supervisor(OTHER_SUPERVISOR, "programme supervisor (none assigned)"))),
                new Case("the assigned supervisor deactivated: the programme's other supervisors",
                        Staffing.usual().deactivated(SUPERVISOR), List.of(Role.SUPERVISOR),
                        List.of(supervisor(OTHER_SUPERVISOR, Recipients.SUPERVISOR_DEACTIVATED))),
                new Case("CRITICAL: the counsellor and every supervisor, the assigned one once with both reasons",
                        Staffing.usual(), List.of(Role.COUNSELLOR, Role.SUPERVISOR, Role.ALL_SUPERVISORS),
                        List.of(counsellor("assigned counsellor"),
                                supervisor(SUPERVISOR, "assigned supervisor; every supervisor of the programme"),
                                supervisor(OTHER_SUPERVISOR, "every supervisor of the programme"))),
                new Case("nobody active to ask: the programme's admins",
                        Staffing.usual().withoutSupervisor().withProgrammeSupervisors().deactivated(COUNSELLOR),
                        List.of(Role.COUNSELLOR, Role.SUPERVISOR),
                        List.of(new Recipient(ADMIN, Role.ADMIN, Recipients.NO_ACTIVE_STAFF))),
                new Case("nobody active and no programme admin: every supervisor and admin of the deployment",
                        Staffing.usual().withoutSupervisor().withProgrammeSupervisors().withAdmins()
                                .deactivated(COUNSELLOR),
                        List.of(Role.COUNSELLOR, Role.SUPERVISOR),
                        List.of(new Recipient(LEAD, Role.ADMIN, Recipients.NO_PROGRAMME_ADMIN))),
                new Case("a supervisor asked for where the programme has none: the admins",
                        Staffing.usual().withoutSupervisor().withProgrammeSupervisors(), List.of(Role.SUPERVISOR),
                        List.of(new Recipient(ADMIN, Role.ADMIN, Recipients.NO_ACTIVE_STAFF))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void asksTheExpectedPeopleForTheExpectedReasons(Case c) {
        assertThat(Recipients.resolve(c.roles(), c.staffing().participant())).containsExactlyElementsOf(c.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void saysWhenNobodyActiveWasLeft(Case c) {
        boolean admins = c.expected().stream().allMatch(r -> r.role() == Role.ADMIN);
        assertThat(Recipients.nobodyActiveWasLeft(Recipients.resolve(c.roles(), c.staffing().participant())))
                .isEqualTo(admins);
    }

    private static Recipient mentor(String reason) {
        return new Recipient(MENTOR, Role.PEER_MENTOR, reason);
    }

    private static Recipient counsellor(String reason) {
        return new Recipient(COUNSELLOR, Role.COUNSELLOR, reason);
    }

    private static Recipient supervisor(String staffId, String reason) {
        return new Recipient(staffId, Role.SUPERVISOR, reason);
    }
}
