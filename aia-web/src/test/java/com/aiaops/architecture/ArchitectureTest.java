package com.aiaops.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.aiaops.access.Role;
import com.aiaops.web.platform.Access;
import com.aiaops.web.platform.Public;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.TenantId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules of docs/ARCHITECTURE.md, over the classes of all three modules (the web module sees the domain
 * and batch modules): capability packages form no cycle, the web layer reaches data only through domain services,
 * nothing depends on the web layer, access and shared depend on no capability, every entity names its organisation
 * unless it is the platform's own or a part of an aggregate whose root does, and an operation's role is declared once
 * (on its resource method) and checked once (by the authentication filter).
 */
@AnalyzeClasses(packages = "com.aiaops", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final List<Class<? extends java.lang.annotation.Annotation>> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class, PATCH.class,
            DELETE.class, HEAD.class);

    @ArchTest
    static final ArchRule capabilities_form_no_cycle = slices().matching("com.aiaops.(*)..").should().beFreeOfCycles()
            .because("a capability that needs another's answer asks through an interface it owns (e.g. telemetry's TrackedThresholds)");

    @ArchTest
    static final ArchRule the_web_layer_does_not_touch_the_entity_manager = noClasses().that().resideInAPackage("com.aiaops.web..")
            .should().dependOnClassesThat().belongToAnyOf(EntityManager.class, EntityManagerFactory.class, PersistenceContext.class)
            .because("resources are thin: queries, tenant scoping and audit live in the domain services");

    @ArchTest
    static final ArchRule nothing_depends_on_the_web_layer = noClasses().that().resideOutsideOfPackage("com.aiaops.web..")
            .should().dependOnClassesThat().resideInAPackage("com.aiaops.web..");

    @ArchTest
    static final ArchRule access_and_shared_depend_on_no_capability = classes().that().resideInAnyPackage("com.aiaops.access..", "com.aiaops.shared..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("com.aiaops.access..", "com.aiaops.shared..", "java..", "jakarta..",
                    "org.eclipse.microprofile..", "org.jboss.logging..", "org.hibernate..", "org.infinispan..");

    @ArchTest
    static final ArchRule only_the_organisation_scope_lifts_the_tenant_filter = noClasses().that().resideOutsideOfPackage("com.aiaops.access..")
            .should().callMethodWhere(DescribedPredicate.describe("Session.disableFilter or enableFilter",
                    (com.tngtech.archunit.core.domain.JavaMethodCall call) -> call.getTargetOwner().isAssignableTo(org.hibernate.Session.class)
                            && Set.of("disableFilter", "enableFilter").contains(call.getName())))
            .because("tenant scoping is decided in one place: OrganizationScope.read and acrossOrganizations say why a read may go without the filter");

    @ArchTest
    static final ArchRule roles_are_checked_where_requests_arrive_only = noClasses()
            .that().resideOutsideOfPackages("com.aiaops.web.platform..", "com.aiaops.access..")
            .should().callMethod(Role.class, "grants", Role.class)
            .because("an operation's role is declared once, by @Access on its resource method, and checked by the authentication filter");

    @ArchTest
    static final ArchRule every_operation_declares_its_role = methods().that().areDeclaredInClassesThat().resideInAPackage("com.aiaops.web..")
            .and(DescribedPredicate.describe("answer an HTTP method", (JavaMethod m) -> HTTP_METHODS.stream().anyMatch(m::isAnnotatedWith)))
            .should(declareItsRole());

    private static ArchCondition<JavaMethod> declareItsRole() {
        return new ArchCondition<>("name the role it needs (@Access), say that it needs none (@Public), or that an integration's secret opens it (@Inbound)") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean declared = method.isAnnotatedWith(Access.class) || method.isAnnotatedWith(Public.class)
                        || method.isAnnotatedWith(com.aiaops.web.platform.Inbound.class)
                        || method.getOwner().isAnnotatedWith(Access.class);
                if (!declared) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " declares no role (it would need ADMIN by default)"));
                }
            }
        };
    }

    /** Entities without an organisation, and why. */
    private static final Set<String> NOT_OWNED_BY_AN_ORGANISATION = Set.of(
            "Organization", "Account",                           // the tenant itself; a person may belong to several
            "Backup", "BackupProgress", "RestoreDrill",          // the platform's: they hold every organisation's data
            "JobLease", "ScheduleFiring",                        // the platform's batch machinery
            "CheckResult", "ScheduleOverride", "TimelineEntry"); // parts of aggregates (Check, Schedule, Incident) that are

    @ArchTest
    static final ArchRule every_entity_names_its_organisation = classes().that().areAnnotatedWith(Entity.class)
            .and(DescribedPredicate.describe("are not the platform's or parts of an organisation's aggregate",
                    (JavaClass c) -> !NOT_OWNED_BY_AN_ORGANISATION.contains(c.getSimpleName())))
            .should(haveAnOrganizationIdField());

    private static ArchCondition<JavaClass> haveAnOrganizationIdField() {
        return new ArchCondition<>("have an organizationId field that scopes it (@TenantId) or keys it (@Id)") {
            @Override
            public void check(JavaClass entity, ConditionEvents events) {
                var field = entity.getAllFields().stream().filter(f -> f.getName().equals("organizationId")).findFirst();
                if (field.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(entity, entity.getName() + " has no organizationId field"));
                } else if (!field.get().isAnnotatedWith(TenantId.class) && !field.get().isAnnotatedWith(Id.class)) {
                    events.add(SimpleConditionEvent.violated(entity, entity.getName() + ".organizationId is neither @TenantId (scoped by Hibernate) "
                            + "nor the @Id (an organisation's single row)"));
                }
            }
        };
    }
}
