#include "services/servicespage.h"

#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "services/servicetablemodel.h"
#include "widgets/errorbanner.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {

ServicesPage::ServicesPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new ServiceTableModel(this)), m_banner(new ErrorBanner(this)),
      m_summary(new QLabel(this)), m_hint(new QLabel(this)), m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("servicesPage"));
    QFont summaryFont = m_summary->font();
    summaryFont.setPointSizeF(summaryFont.pointSizeF() * 1.2);
    summaryFont.setBold(true);
    m_summary->setFont(summaryFont);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(
        tr("A disabled service rejects calls, so it is never billed. Switch a service on or off with "
           "\u201cbillingctl enable API REGION\u201d or \u201cbillingctl disable API REGION\u201d."));

    m_table->setObjectName(QStringLiteral("servicesTable"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Services")));
    layout->addWidget(m_banner);
    layout->addWidget(m_summary);
    layout->addWidget(m_hint);
    layout->addWidget(m_table, 1);

    connect(m_banner, &ErrorBanner::retryRequested, this, &ServicesPage::refresh);
}

void ServicesPage::refresh()
{
    auto status = m_engine.run([](Context &ctx) { return accountStatus(ctx); });
    if (!status) {
        m_banner->showError(tr("Could not load the services."), status.error());
        return;
    }
    m_banner->clear();
    m_model->setServices(m_engine.catalog(), status->services, status->account.utcOffsetSeconds);
    const int enabled = m_model->enabledCount();
    m_summary->setText(
        enabled == 0 ? tr("Every service is off: no call is billed")
                     : tr("Enabled: %1 of %2")
                           .arg(QLocale().toString(enabled), QLocale().toString(m_model->serviceCount())));
}

} // namespace billing::ui
