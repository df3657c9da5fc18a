// Roles: the permission table itself (every permission × role, pinned here by hand), and that every
// model service that changes the account obeys it: a refused action says who and what, and changes
// nothing — no money, no row, no audit entry.
#include "analysis/analysissettings.h"
#include "auth/identity.h"
#include "auth/members.h"
#include "engine/accountstatus.h"
#include "engine/alertsettings.h"
#include "engine/backup.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "reconcile/reconciliation.h"
#include "storage/auditrepository.h"
#include "storage/memberrepository.h"
#include "testaccount.h"

#include <QBuffer>
#include <QTest>

#include <functional>

using namespace billing;
using test::at;

namespace {
constexpr Role O = Role::Owner, F = Role::Finance, A = Role::Analyst;

// The table a finance auditor reads in docs/billing-decisions.md, written out once more by hand.
const std::map<Permission, std::vector<Role>> kExpected = {
    {Permission::View, {O, F, A}},     {Permission::TopUp, {O, F}},        {Permission::GrantCoupon, {O}},
    {Permission::BuyPackages, {O}},    {Permission::ChangeAutoRenew, {O}}, {Permission::Unsubscribe, {O}},
    {Permission::ManageServices, {O}}, {Permission::ImportCalls, {O, F}},  {Permission::EditTags, {O, A}},
    {Permission::EditBudgets, {O, A}}, {Permission::EditSettings, {O}},    {Permission::ManageMembers, {O}},
    {Permission::Backup, {O, F}},      {Permission::Restore, {O}},         {Permission::CloseMonth, {O, F}},
};

const char *userOf(Role r)
{
    return r == O ? "olivia" : r == F ? "fred" : "ana";
}

// An account with three members and a package of each kind the services need.
struct RolesAccount : test::TestAccount
{
    qint64 pending = 0; // a package not yet in force (unsubscribe)
    QString backup;

    RolesAccount()
    {
        engine->setActor(QStringLiteral("olivia"));
        must(run([](Context &c) { return setMember(c, QStringLiteral("olivia"), O); }));
        must(run([](Context &c) { return setMember(c, QStringLiteral("fred"), F); }));
        must(run([](Context &c) { return setMember(c, QStringLiteral("ana"), A); }));
        must(run([](Context &c) { return funds::topUp(c, Money::fromCents(100000)); }));
        must(run([](Context &c) {
            return services::setEnabled(c, QStringLiteral("general-text"), QStringLiteral("cn-north-4"),
                                        true);
        }));
        packages::BuyRequest later{QStringLiteral("general-text"),
                                   QStringLiteral("cn-north-4"),
                                   QStringLiteral("100k"),
                                   at("2026-10-20T00:00:00+08:00"),
                                   false,
                                   7,
                                   1};
        auto bought = run([&](Context &c) { return packages::buy(c, later); });
        if (!bought)
            qFatal("%s", qPrintable(bought.error().message));
        pending = bought->front().id;
        backup = dir.filePath(QStringLiteral("before.sqlite"));
        must(backupDatabase(engine->database(), backup, QStringLiteral("olivia")));
        setNow("2026-10-01T10:00:00+08:00"); // so that a call at 08:30 can be imported
    }
    static void must(const Status &s)
    {
        if (!s)
            qFatal("%s", qPrintable(s.error().message));
    }
    template <typename T> static void must(const Result<T> &r)
    {
        if (!r)
            qFatal("%s", qPrintable(r.error().message));
    }

    // What a refused action must leave as it was.
    QString fingerprint()
    {
        auto st = run([](Context &c) { return accountStatus(c); });
        auto audit = AuditRepository(engine->database()).all();
        auto members = MemberRepository(engine->database()).all();
        return QStringLiteral("%1|%2|%3|%4|%5|%6")
            .arg(st->account.balance.toString())
            .arg(st->packages.size())
            .arg(st->coupons.size())
            .arg(audit->size())
            .arg(audit->back().hash)
            .arg(members->size());
    }
};

using Action = std::function<Status(RolesAccount &)>;

Identity identityOf(Engine &e)
{
    auto who = resolveIdentity(e.database(), e.actor());
    if (!who)
        qFatal("%s", qPrintable(who.error().message));
    return *who;
}

template <typename T> Status status(const Result<T> &r)
{
    return r ? Status() : Status(r.error());
}

std::map<Permission, Action> actions()
{
    return {
        {Permission::View,
         [](RolesAccount &a) { return status(a.run([](Context &c) { return accountStatus(c); })); }},
        {Permission::TopUp,
         [](RolesAccount &a) {
             return status(a.run([](Context &c) { return funds::topUp(c, Money::fromCents(1000)); }));
         }},
        {Permission::GrantCoupon,
         [](RolesAccount &a) {
             return status(a.run([](Context &c) {
                 return coupons::grant(c, Money::fromCents(500), c.now + kMicrosPerDay, QString());
             }));
         }},
        {Permission::BuyPackages,
         [](RolesAccount &a) {
             packages::BuyRequest r{QStringLiteral("general-text"),
                                    QStringLiteral("cn-north-4"),
                                    QStringLiteral("100k"),
                                    std::nullopt,
                                    false,
                                    7,
                                    1};
             return status(a.run([&](Context &c) { return packages::buy(c, r); }));
         }},
        {Permission::ChangeAutoRenew,
         [](RolesAccount &a) {
             return status(a.run([&](Context &c) { return packages::setAutoRenew(c, a.pending, true, 3); }));
         }},
        {Permission::Unsubscribe,
         [](RolesAccount &a) {
             return status(a.run([&](Context &c) { return packages::unsubscribe(c, a.pending); }));
         }},
        {Permission::ManageServices,
         [](RolesAccount &a) {
             return status(a.run([](Context &c) {
                 return services::setEnabled(c, QStringLiteral("passport"), QStringLiteral("cn-north-4"),
                                             true);
             }));
         }},
        {Permission::ImportCalls,
         [](RolesAccount &a) {
             QByteArray csv(
                 "timestamp,api,region,status\n2026-10-01T08:30:00+08:00,general-text,cn-north-4,200\n");
             QBuffer buf(&csv);
             buf.open(QIODevice::ReadOnly);
             return status(a.engine->runThenCatchUp([&](Context &c) {
                 return importCalls(c, buf, ImportOptions{QStringLiteral("one.csv"), true});
             }));
         }},
        {Permission::EditTags,
         [](RolesAccount &a) {
             return status(a.run([](Context &c) {
                 return setProjectTags(c, QStringLiteral("default"), {QStringLiteral("ops")});
             }));
         }},
        {Permission::EditBudgets,
         [](RolesAccount &a) {
             Budget b{0, QStringLiteral("monthly"), Money::fromCents(10000), {80, 100}, {100}, {}};
             return status(a.run([&](Context &c) { return putBudget(c, b); }));
         }},
        {Permission::EditSettings,
         [](RolesAccount &a) {
             return a.run([](Context &c) { return alerts::save(c, alerts::current(c)); });
         }},
        {Permission::ManageMembers,
         [](RolesAccount &a) {
             return a.run([](Context &c) { return setMember(c, QStringLiteral("newbie"), A); });
         }},
        {Permission::Backup,
         [](RolesAccount &a) {
             return backupDatabase(a.engine->database(), a.dir.filePath(QStringLiteral("b.sqlite")),
                                   a.engine->actor());
         }},
        {Permission::Restore,
         [](RolesAccount &a) { return restoreDatabase(a.backup, a.path, a.engine->actor()); }},
        {Permission::CloseMonth,
         [](RolesAccount &a) {
             return a.run([](Context &c) {
                 return acceptReconciliation(c, QStringLiteral("2026-10"), QStringLiteral("ok"), nullptr);
             });
         }},
    };
}
} // namespace

Q_DECLARE_METATYPE(billing::Role)
Q_DECLARE_METATYPE(billing::Permission)

class TestRoles : public QObject
{
    Q_OBJECT

private slots:
    void theTableIsTheDocumentedOne()
    {
        QCOMPARE(kExpected.size(), allPermissions.size());
        for (Permission p : allPermissions)
            for (Role r : allRoles) {
                const auto &who = kExpected.at(p);
                const bool expected = std::find(who.begin(), who.end(), r) != who.end();
                QVERIFY2(allows(r, p) == expected,
                         qPrintable(QStringLiteral("%1 × %2").arg(roleId(r), permissionText(p))));
                QVERIFY(!permissionText(p).isEmpty());
            }
    }

    void roleNamesRoundTrip()
    {
        for (Role r : allRoles) {
            QCOMPARE(parseRole(roleId(r)), std::optional<Role>(r));
            QVERIFY(!roleName(r).isEmpty());
        }
        QVERIFY(!parseRole(QStringLiteral("admin")));
        QVERIFY(!parseRole(QStringLiteral("Owner")));
        QVERIFY(!parseRole(QString()));
    }

    void everyServiceObeysTheTable_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<Permission>("permission");
        for (Permission p : allPermissions)
            for (Role r : allRoles)
                QTest::addRow("%s × %s", qPrintable(roleId(r)), qPrintable(permissionText(p))) << r << p;
    }
    void everyServiceObeysTheTable()
    {
        QFETCH(Role, role);
        QFETCH(Permission, permission);
        RolesAccount acc;
        acc.engine->setActor(QString::fromLatin1(userOf(role)));
        QCOMPARE(identityOf(*acc.engine).role, role);
        const QString before = acc.fingerprint();
        const Status s = actions().at(permission)(acc);
        if (allows(role, permission)) {
            QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
            return;
        }
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Refused);
        QVERIFY2(s.error().message.contains(QLatin1String(userOf(role))), qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(roleName(role)), qPrintable(s.error().message));
        QVERIFY2(s.error().message.contains(permissionText(permission)), qPrintable(s.error().message));
        QCOMPARE(acc.fingerprint(), before);
    }

    void anEmptyMemberTableMeansEveryoneIsOwner()
    {
        test::TestAccount acc;
        acc.engine->setActor(QStringLiteral("anyone"));
        QCOMPARE(identityOf(*acc.engine).role, Role::Owner);
        QVERIFY(identityOf(*acc.engine).singleUser);
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100)); }).ok());
        auto audit = AuditRepository(acc.engine->database()).all();
        QCOMPARE(audit->back().actor, QStringLiteral("anyone"));
    }

    void theAuditActorIsTheIdentity()
    {
        RolesAccount acc;
        acc.engine->setActor(QStringLiteral("fred"));
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100)); }).ok());
        auto audit = AuditRepository(acc.engine->database()).all();
        QCOMPARE(audit->back().actor, QStringLiteral("fred"));
        QCOMPARE(audit->back().action, QStringLiteral("topup"));
    }

    void aStrangerIsRefusedEverything()
    {
        RolesAccount acc;
        auto e = Engine::open(acc.path, acc.clock);
        QVERIFY(e.ok());
        (*e)->setActor(QStringLiteral("mallory"));
        QVERIFY(!resolveIdentity((*e)->database(), QStringLiteral("mallory")).ok());
        auto st = (*e)->run([](Context &c) { return accountStatus(c); });
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, ErrorCode::Refused);
        QVERIFY(st.error().message.contains(QLatin1String("mallory")));
        QVERIFY(!(*e)->inspect().ok());
    }

    void membershipRulesKeepAnOwner()
    {
        test::TestAccount acc;
        acc.engine->setActor(QStringLiteral("olivia"));
        // The first member must be the acting user as owner: otherwise they would lock themselves out.
        Status s = acc.run([](Context &c) { return setMember(c, QStringLiteral("fred"), F); });
        QCOMPARE(s.error().code, ErrorCode::Refused);
        s = acc.run([](Context &c) { return setMember(c, QStringLiteral("olivia"), A); });
        QCOMPARE(s.error().code, ErrorCode::Refused);
        QVERIFY(acc.run([](Context &c) { return setMember(c, QStringLiteral("olivia"), O); }).ok());
        QVERIFY(acc.run([](Context &c) { return setMember(c, QStringLiteral("fred"), F); }).ok());
        QVERIFY(!identityOf(*acc.engine).singleUser);
        // The last owner can be neither demoted nor removed while others remain.
        s = acc.run([](Context &c) { return setMember(c, QStringLiteral("olivia"), F); });
        QCOMPARE(s.error().code, ErrorCode::Refused);
        s = acc.run([](Context &c) { return removeMember(c, QStringLiteral("olivia")); });
        QCOMPARE(s.error().code, ErrorCode::Refused);
        s = acc.run([](Context &c) { return removeMember(c, QStringLiteral("nobody")); });
        QCOMPARE(s.error().code, ErrorCode::Refused);
        s = acc.run([](Context &c) { return setMember(c, QStringLiteral("two words"), A); });
        QCOMPARE(s.error().code, ErrorCode::BadUsage);
        s = acc.run([](Context &c) { return setMember(c, QStringLiteral("system"), O); });
        QCOMPARE(s.error().code, ErrorCode::BadUsage);
        // A role changes at the next command, even in an engine opened before.
        auto fredsEngine = Engine::open(acc.path, acc.clock);
        (*fredsEngine)->setActor(QStringLiteral("fred"));
        QVERIFY((*fredsEngine)->run([](Context &c) { return funds::topUp(c, Money::fromCents(100)); }).ok());
        QVERIFY(acc.run([](Context &c) { return setMember(c, QStringLiteral("fred"), A); }).ok());
        auto refused = (*fredsEngine)->run([](Context &c) { return funds::topUp(c, Money::fromCents(100)); });
        QCOMPARE(refused.error().code, ErrorCode::Refused);
        QCOMPARE(identityOf(**fredsEngine).role, A);
        // Removing everyone makes the account single-user again.
        QVERIFY(acc.run([](Context &c) { return removeMember(c, QStringLiteral("fred")); }).ok());
        QVERIFY(acc.run([](Context &c) { return removeMember(c, QStringLiteral("olivia")); }).ok());
        acc.engine->setActor(QStringLiteral("fred"));
        QVERIFY(identityOf(*acc.engine).singleUser);
        auto audit = AuditRepository(acc.engine->database()).all();
        int memberEntries = 0;
        for (const AuditEntry &e : *audit)
            memberEntries += e.action.startsWith(QLatin1String("member-"));
        QCOMPARE(memberEntries, 5);
    }

    void autoRenewStillRunsWhenAnAnalystCatchesUp()
    {
        RolesAccount acc;
        QVERIFY(acc.run([&](Context &c) { return packages::setAutoRenew(c, acc.pending, true, 3); }).ok());
        acc.engine->setActor(QStringLiteral("ana"));
        // The term runs from 2026-10-20 for a year; auto-renew attempts start 3 days before it expires.
        acc.setNow("2027-10-25T08:00:00+08:00");
        auto st = acc.run([](Context &c) { return accountStatus(c); });
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));
        auto audit = AuditRepository(acc.engine->database()).all();
        bool renewedBySystem = false;
        for (const AuditEntry &e : *audit)
            renewedBySystem |= e.actor == QLatin1String("system") && e.action == QLatin1String("renew");
        QVERIFY(renewedBySystem);
    }
};

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
