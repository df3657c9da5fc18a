#include "overview/overviewpage.h"

#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "notifications/notificationtext.h"
#include "storage/notificationrepository.h"
#include "time/billingcalendar.h"
#include "widgets/errorbanner.h"
#include "widgets/figure.h"
#include "widgets/format.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace billing::ui {

namespace {
constexpr int kLatestNotifications = 5;

struct Loaded
{
    AccountStatus status;
    std::vector<Notification> notifications;
    int monthRecords = 0;
};
} // namespace

OverviewPage::OverviewPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_banner(new ErrorBanner(this))
{
    setObjectName(QStringLiteral("overviewPage"));
    m_balance = addTile(tr("Balance"), true, PageId::Funds);
    m_balance->setObjectName(QStringLiteral("balanceTile"));
    m_arrears = addTile(tr("Arrears"), false, PageId::Funds);
    m_state = addTile(tr("Account state"), false, PageId::Funds);
    m_services = addTile(tr("Services enabled"), false, PageId::Services);
    m_packages = addTile(tr("Active packages"), false, PageId::Transactions);
    m_coupons = addTile(tr("Cash coupons"), false, PageId::Funds);
    m_transactions = addTile(tr("Transactions this month"), false, PageId::Transactions);

    auto *tiles = new QGridLayout;
    tiles->addWidget(m_balance, 0, 0, 1, 2);
    tiles->addWidget(m_arrears, 0, 2);
    tiles->addWidget(m_state, 0, 3);
    tiles->addWidget(m_services, 1, 0);
    tiles->addWidget(m_packages, 1, 1);
    tiles->addWidget(m_coupons, 1, 2);
    tiles->addWidget(m_transactions, 1, 3);
    for (int c = 0; c < 4; ++c)
        tiles->setColumnStretch(c, 1);

    auto *latestBox = new QGroupBox(tr("Latest notifications"), this);
    m_latest = new QVBoxLayout;
    auto *all = new QPushButton(tr("All notifications\u2026"), latestBox);
    auto *latestLayout = new QVBoxLayout(latestBox);
    latestLayout->addLayout(m_latest);
    latestLayout->addWidget(all, 0, Qt::AlignRight);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Overview")));
    layout->addWidget(m_banner);
    layout->addLayout(tiles);
    layout->addWidget(latestBox);
    layout->addStretch(1);

    connect(all, &QPushButton::clicked, this, [this] { emit openPageRequested(PageId::Notifications); });
    connect(m_banner, &ErrorBanner::retryRequested, this, &OverviewPage::refresh);
}

FigureButton *OverviewPage::addTile(const QString &caption, bool large, PageId target)
{
    auto *tile = new FigureButton(caption, large ? Figure::Size::Large : Figure::Size::Medium, this);
    connect(tile, &FigureButton::clicked, this, [this, target] { emit openPageRequested(target); });
    return tile;
}

void OverviewPage::refresh()
{
    auto loaded = m_engine.run([](Context &ctx) -> Result<Loaded> {
        auto status = accountStatus(ctx);
        if (!status)
            return status.error();
        auto notifications = NotificationRepository(ctx.db).all();
        if (!notifications)
            return notifications.error();
        RecordFilter thisMonth;
        thisMonth.billMonth = ctx.calendar.monthKey(ctx.now);
        auto records = ctx.records.list(thisMonth);
        if (!records)
            return records.error();
        if (notifications->size() > size_t(kLatestNotifications))
            notifications->resize(size_t(kLatestNotifications));
        return Loaded{std::move(*status), std::move(*notifications), int(records->size())};
    });
    if (!loaded) {
        m_banner->showError(tr("Could not load the overview."), loaded.error());
        return;
    }
    m_banner->clear();
    const AccountStatus &st = loaded->status;
    const Account &a = st.account;
    const QLocale locale;

    m_balance->figure()->setValue(tr("%1 %2").arg(a.balance.toDisplayString(locale), a.currency));
    m_balance->figure()->setNegative(a.balance.isNegative());
    m_balance->figure()->setDetail(a.balance.isNegative() ? tr("Below zero: calls are billed into arrears")
                                                          : tr("Cash available for calls and packages"));
    m_arrears->figure()->setValue(a.arrears().toDisplayString(locale));
    m_arrears->figure()->setNegative(!a.arrears().isZero());
    m_arrears->figure()->setDetail(a.arrears().isZero() ? tr("Nothing owed") : tr("Top up to repay"));
    m_state->figure()->setValue(accountStateText(a, locale));
    m_state->figure()->setDetail(a.state == AccountState::Frozen ? tr("Calls are rejected until repaid")
                                                                 : tr("Calls are served and billed"));

    const auto enabled = std::count_if(st.services.begin(), st.services.end(),
                                       [](const ServiceState &s) { return s.enabled; });
    m_services->figure()->setValue(
        tr("%1 of %2").arg(locale.toString(qint64(enabled)), locale.toString(qint64(st.services.size()))));
    m_services->figure()->setDetail(enabled == 0 ? tr("Every API is off") : QString());

    const auto active = std::count_if(st.packages.begin(), st.packages.end(), [&](const Package &p) {
        return p.statusAt(st.now) == Package::Status::Active;
    });
    m_packages->figure()->setValue(locale.toString(qint64(active)));
    m_packages->figure()->setDetail(tr("Bought in all: %1").arg(locale.toString(qint64(st.packages.size()))));

    const auto coupons = std::count_if(st.coupons.begin(), st.coupons.end(), [&](const Coupon &c) {
        return !c.lapsed && c.expiresAt > st.now && !c.remaining.isZero();
    });
    m_coupons->figure()->setValue(locale.toString(qint64(coupons)));
    m_coupons->figure()->setDetail(tr("usable now"));

    m_transactions->figure()->setValue(locale.toString(loaded->monthRecords));
    m_transactions->figure()->setDetail(
        tr("in bill month %1").arg(BillingCalendar(a.utcOffsetSeconds).monthKey(st.now)));

    while (QLayoutItem *item = m_latest->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (loaded->notifications.empty()) {
        auto *none = new QLabel(
            tr("No notifications yet: alerts about the balance, arrears and packages appear here."), this);
        none->setForegroundRole(QPalette::PlaceholderText);
        none->setWordWrap(true);
        m_latest->addWidget(none);
    }
    const AccountDisplay display{a.currency, a.utcOffsetSeconds, &m_engine.catalog()};
    for (const Notification &n : loaded->notifications) {
        auto *line = new QLabel(tr("%1 \u2014 %2: %3")
                                    .arg(formatDateTime(n.at, a.utcOffsetSeconds, locale),
                                         notificationTitle(n.kind), notificationText(n, display)),
                                this);
        line->setWordWrap(true);
        if (!n.read) {
            QFont bold = line->font();
            bold.setBold(true);
            line->setFont(bold);
        }
        m_latest->addWidget(line);
    }
}

} // namespace billing::ui
