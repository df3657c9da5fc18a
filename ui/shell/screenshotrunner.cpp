#include "shell/screenshotrunner.h"

#include "bills/billspage.h"
#include "bills/billtablemodel.h"
#include "bills/importdialog.h"
#include "bills/linedetaildialog.h"
#include "bills/reconciliationpage.h"
#include "bills/recordtablemodel.h"
#include "bills/transactionspage.h"
#include "engine/context.h"
#include "engine/engine.h"
#include "funds/fundspage.h"
#include "funds/topupdialog.h"
#include "packages/billingmodewizard.h"
#include "packages/buydialog.h"
#include "packages/packagespage.h"
#include "services/servicespage.h"
#include "shell/mainwindow.h"
#include "transactionscsv.h"
#include "widgets/confirmdialog.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPixmap>
#include <QSize>
#include <QTableView>
#include <QTimer>

namespace billing::ui {

namespace {
constexpr int kSettleMs = 150; // lets a window be exposed and laid out before its grab
constexpr int kMaxWaits = 400; // 50 ms each: what loads in the background gets about 20 s

// The largest pay-per-use line of the bill shown (a package line's charge is its purchase, no calls).
int largestPayPerUseLine(const BillTableModel &bill)
{
    int largest = -1;
    for (int r = 0; r < bill.rowCount(); ++r)
        if (bill.line(r).line.mode == kModePayPerUse &&
            (largest < 0 || bill.line(r).line.charged > bill.line(largest).line.charged))
            largest = r;
    return largest;
}
} // namespace

ScreenshotRunner::ScreenshotRunner(MainWindow &window, Engine &engine, const QString &directory,
                                   QObject *parent)
    : QObject(parent), m_window(window), m_engine(engine), m_directory(directory)
{
}

void ScreenshotRunner::start()
{
    if (!QDir().mkpath(m_directory)) {
        emit finished(false,
                      tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(m_directory)));
        return;
    }
    m_shots.clear();
    addPageShots();
    addTaskShots();
    addReconciliationShot();
    m_index = 0;
    QTimer::singleShot(kSettleMs, this, &ScreenshotRunner::next);
}

void ScreenshotRunner::addPageShots()
{
    for (const PageId id : m_window.pages())
        m_shots.push_back({MainWindow::pageKey(id),
                           [this, id]() -> QWidget * {
                               m_window.showPage(id);
                               return &m_window;
                           },
                           [this, id] {
                               const Page *p = m_window.page(id);
                               return !p || !p->isBusy();
                           }});
}

void ScreenshotRunner::addTaskShots()
{
    auto *bills = qobject_cast<BillsPage *>(m_window.page(PageId::Bills));
    auto *transactions = qobject_cast<TransactionsPage *>(m_window.page(PageId::Transactions));
    auto *funds = qobject_cast<FundsPage *>(m_window.page(PageId::Funds));
    auto *packages = qobject_cast<PackagesPage *>(m_window.page(PageId::Packages));
    auto *services = qobject_cast<ServicesPage *>(m_window.page(PageId::Services));
    auto always = [] { return true; };

    // Finance: last month's bill with its largest line, the transactions behind it, the calls of one.
    m_shots.push_back({QStringLiteral("bill-previous-month"),
                       [this, bills]() -> QWidget * {
                           m_window.showPage(PageId::Bills);
                           const QStringList months = bills->months(); // newest first
                           if (months.size() > 1)
                               bills->setMonth(months.at(1));
                           if (const int row = largestPayPerUseLine(*bills->model()); row >= 0)
                               bills->table()->setCurrentIndex(bills->table()->model()->index(row, 0));
                           return &m_window;
                       },
                       [bills] { return !bills->isBusy(); }});
    m_shots.push_back({QStringLiteral("bill-line-transactions"),
                       [this, bills]() -> QWidget * {
                           // What a double-click on the line does.
                           if (const int row = largestPayPerUseLine(*bills->model()); row >= 0) {
                               const BillLine &l = bills->model()->line(row).line;
                               emit bills->lineTransactionsRequested(bills->month(), l.api, l.region, l.mode);
                           }
                           return &m_window;
                       },
                       [transactions] { return !transactions->isLoading(); }});
    m_shots.push_back(
        {QStringLiteral("line-detail"),
         [transactions]() -> QWidget * {
             const RecordTableModel &records = *transactions->model();
             int largest = -1;
             for (int r = 0; r < records.rowCount(); ++r)
                 if (records.record(r).type == Record::Type::Usage &&
                     (largest < 0 || records.record(r).charged > records.record(largest).charged))
                     largest = r;
             if (largest < 0)
                 return nullptr;
             return transactions->openDetail(records.record(largest).id);
         },
         [this] {
             auto *d = qobject_cast<LineDetailDialog *>(m_shown.data());
             return !d || d->isLoaded() || !d->errorText().isEmpty();
         }});

    // Import: a file with mistakes is refused whole, with a report of every refused line.
    m_shots.push_back({QStringLiteral("import-refused"),
                       [this, transactions]() -> QWidget * {
                           const QString path = m_scratch.filePath(QStringLiteral("calls-with-mistakes.csv"));
                           QFile f(path);
                           if (!f.open(QIODevice::WriteOnly))
                               return nullptr;
                           f.write("timestamp,api,region,status,enterprise_project\n"
                                   "2026-11-27T09:58:01+08:00,general-txt,cn-north-4,200,web\n"
                                   "2026-11-27T09:58:02+08:00,id-card,cn-north-9,200,kyc\n"
                                   "2026-11-27 09:58:03,id-card,cn-north-4,200,kyc\n"
                                   "2026-11-27T09:58:04+08:00,id-card,cn-north-4,2OO,kyc\n");
                           f.close();
                           m_window.showPage(PageId::Transactions);
                           ImportDialog *import = transactions->openImport();
                           m_importDone = false;
                           connect(import, &ImportDialog::finished, this, [this] { m_importDone = true; });
                           import->setPath(QDir::toNativeSeparators(path));
                           import->start();
                           return import;
                       },
                       [this] { return m_importDone; }});

    // Account owner: top up, buy a package, change the billing mode, stop billing (nothing is confirmed).
    m_shots.push_back({QStringLiteral("top-up"),
                       [this, funds]() -> QWidget * {
                           m_window.showPage(PageId::Funds);
                           TopUpDialog *dialog = funds->openTopUp();
                           dialog->amountField()->setText(QStringLiteral("500"));
                           return dialog;
                       },
                       always});
    m_shots.push_back({QStringLiteral("buy-package"),
                       [this, packages]() -> QWidget * {
                           m_window.showPage(PageId::Packages);
                           return packages->openBuy(QStringLiteral("general-text"),
                                                    QStringLiteral("cn-north-4"), QStringLiteral("1m"));
                       },
                       always});
    m_shots.push_back({QStringLiteral("billing-mode-wizard"),
                       [this]() -> QWidget * {
                           BillingModeWizard *wizard = m_window.openModeWizard(QStringLiteral("general-text"),
                                                                               QStringLiteral("cn-north-4"));
                           wizard->next(); // what the last 30 days would cost under each option
                           // Its table is wider than the wizard's first size; shown as a user widens it.
                           wizard->resize(wizard->size().expandedTo(QSize(800, 440)));
                           return wizard;
                       },
                       always});
    m_shots.push_back({QStringLiteral("stop-billing"),
                       [this, services]() -> QWidget * {
                           m_window.showPage(PageId::Services);
                           return services->openStopBilling();
                       },
                       always});
}

// Month-end: last month's transactions as the console exports them, one usage line a cent short,
// reconciled on Bills › Reconciliation (a Rounding difference).
void ScreenshotRunner::addReconciliationShot()
{
    auto *page = qobject_cast<ReconciliationPage *>(m_window.page(PageId::Reconciliation));
    auto *bills = qobject_cast<BillsPage *>(m_window.page(PageId::Bills));
    m_shots.push_back(
        {QStringLiteral("reconcile-month"),
         [this, page, bills]() -> QWidget * {
             const QStringList months = bills->months(); // newest first
             if (months.size() < 2)
                 return nullptr;
             const QString month = months.at(1);
             const QString path = m_scratch.filePath(QStringLiteral("transactions-%1.csv").arg(month));
             QFile f(path);
             Status written = m_engine.run([&](Context &ctx) -> Status {
                 RecordFilter filter;
                 filter.billMonth = month;
                 auto records = ctx.records.list(filter);
                 if (!records)
                     return records.error();
                 for (Record &r : *records)
                     if (r.type == Record::Type::Usage && r.mode == kModePayPerUse &&
                         r.charged >= Money::fromCents(1)) {
                         r.charged -= Money::fromCents(1);
                         r.roundedOff += Money::fromCents(1);
                         break;
                     }
                 if (!f.open(QIODevice::WriteOnly))
                     return Error::internal(f.errorString());
                 return report::exportTransactionsCsv(*records, ctx.calendar, ctx.account.currency, f);
             });
             f.close();
             if (!written)
                 return nullptr;
             m_window.showPage(PageId::Reconciliation);
             page->setFiles({path});
             page->startReconcile();
             return &m_window;
         },
         [page] { return !page->isBusy() && page->result().has_value(); }});
}

void ScreenshotRunner::next()
{
    if (m_index >= m_shots.size()) {
        emit finished(true, tr("Saved %1.").arg(m_saved.join(QStringLiteral(", "))));
        return;
    }
    m_shown = m_shots[m_index].show();
    if (!m_shown) {
        emit finished(false, tr("Could not show %1.").arg(m_shots[m_index].name));
        return;
    }
    QTimer::singleShot(kSettleMs, this, &ScreenshotRunner::capture);
}

void ScreenshotRunner::capture()
{
    const Shot &shot = m_shots[m_index];
    if (!m_shown) {
        emit finished(false, tr("%1 closed before its screenshot.").arg(shot.name));
        return;
    }
    if (!shot.ready()) {
        if (++m_waits >= kMaxWaits) {
            emit finished(false, tr("%1 was still loading after %2 s.").arg(shot.name).arg(kMaxWaits / 20));
            return;
        }
        QTimer::singleShot(50, this, &ScreenshotRunner::capture);
        return;
    }
    m_waits = 0;
    const QString name =
        QStringLiteral("%1-%2.png").arg(int(m_index) + 1, 2, 10, QLatin1Char('0')).arg(shot.name);
    const QString path = QDir(m_directory).filePath(name);
    if (!m_shown->grab().save(path)) {
        emit finished(false, tr("Could not write %1.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    m_saved << name;
    if (m_shown != &m_window)
        m_shown->close(); // the dialogs are shot, never confirmed
    ++m_index;
    next();
}

} // namespace billing::ui
