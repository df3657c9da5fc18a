#include "mapping/columnmappingdialog.h"

#include "auth/identity.h"
#include "catalog/catalog.h"
#include "engine/context.h"
#include "engine/engine.h"
#include "mapping/billmappingparts.h"
#include "mapping/calllogmapping.h"
#include "mapping/profiles.h"
#include "time/billingcalendar.h"
#include "widgets/confirmdialog.h"
#include "widgets/format.h"
#include "widgets/taborder.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace billing::ui {

namespace {

constexpr int kMaxValues = 40; // distinct API or region values listed for mapping

QTableWidget *table(const QStringList &headers, const QString &accessibleName)
{
    auto *t = new QTableWidget(0, int(headers.size()));
    t->setHorizontalHeaderLabels(headers);
    t->setAccessibleName(accessibleName);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setWordWrap(false);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->hide();
    return t;
}

// The offsets people's logs are written in: every whole hour and the half and quarter hours in use.
std::vector<int> offsetMinutes()
{
    std::vector<int> m;
    for (int h = -12; h <= 14; ++h)
        m.push_back(h * 60);
    for (int extra : {-570, -210, 210, 270, 330, 345, 390, 570, 630, 765})
        m.push_back(extra);
    std::sort(m.begin(), m.end());
    return m;
}

} // namespace

ColumnMappingDialog::ColumnMappingDialog(Engine &engine, const QString &path, QWidget *parent,
                                         ProfileKind kind)
    : QDialog(parent), m_engine(engine), m_path(path), m_kind(kind)
{
    setWindowTitle(kind == ProfileKind::ProviderBill ? tr("Map the columns of a provider bill")
                                                     : tr("Map columns"));
    buildForm();
    m_task.onFinished([this](MappingSample result) { onRead(std::move(result)); });
    resize(fontMetrics().averageCharWidth() * 150,
           fontMetrics().height() * (kind == ProfileKind::ProviderBill ? 52 : 46));
    orderTabsByLayout(this);
    read(true);
}

// The catalog id a value means without a map of the profile: an id, or a catalog name (and for a
// provider bill, the provider's names the catalog keeps).
QString ColumnMappingDialog::recognizedId(ValueDomain domain, const QString &value) const
{
    const Catalog &catalog = m_engine.catalog();
    const bool bill = m_kind == ProfileKind::ProviderBill;
    if (domain == ValueDomain::Api) {
        for (const ApiInfo &a : catalog.apis())
            if (a.id == value || a.name == value || (bill && a.providerNames.contains(value)))
                return a.id;
    } else {
        for (const RegionInfo &r : catalog.regions())
            if (r.id == value || r.name == value || (bill && r.providerNames.contains(value)))
                return r.id;
    }
    return {};
}

QPushButton *ColumnMappingDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

ColumnMappingDialog::~ColumnMappingDialog() = default;

void ColumnMappingDialog::buildForm()
{
    auto *layout = new QVBoxLayout(this);
    const bool bill = m_kind == ProfileKind::ProviderBill;
    m_intro = new QLabel(
        bill ? tr("Choose the field of the provider's bill each column of %1 gives, for a layout the "
                  "reconciliation does not recognize by its headers; columns left on Ignore are not read.")
                   .arg(QFileInfo(m_path).fileName())
             : tr("Choose the field each column of %1 gives; columns left on Ignore are not read.")
                   .arg(QFileInfo(m_path).fileName()));
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_source = table({}, tr("Rows of the file"));
    m_source->horizontalHeader()->setStretchLastSection(false);
    m_source->verticalHeader()->show(); // "Field", then the file's line numbers
    layout->addWidget(m_source, 3);

    m_timeRow = new QWidget;
    auto *timeRow = new QHBoxLayout(m_timeRow);
    timeRow->setContentsMargins(0, 0, 0, 0);
    auto *timeLabel = new QLabel(tr("&Time format:"));
    m_timeFormat = new QComboBox;
    for (TimeFormat f :
         {TimeFormat::Iso8601, TimeFormat::Local, TimeFormat::EpochSeconds, TimeFormat::EpochMilliseconds})
        m_timeFormat->addItem(timeFormatTitle(f), int(f));
    timeLabel->setBuddy(m_timeFormat);
    auto *offsetLabel = new QLabel(tr("UTC &offset:"));
    m_offset = new QComboBox;
    for (int minutes : offsetMinutes())
        m_offset->addItem(QStringLiteral("UTC") + BillingCalendar::formatOffset(minutes * 60), minutes * 60);
    m_offset->setCurrentIndex(m_offset->findData(BillingCalendar::DefaultOffsetSeconds));
    m_offset->setEnabled(false);
    offsetLabel->setBuddy(m_offset);
    timeRow->addWidget(timeLabel);
    timeRow->addWidget(m_timeFormat);
    timeRow->addSpacing(fontMetrics().averageCharWidth() * 2);
    timeRow->addWidget(offsetLabel);
    timeRow->addWidget(m_offset);
    timeRow->addStretch(1);
    layout->addWidget(m_timeRow);
    m_timeRow->setVisible(!bill); // a bill's conventions are fixed (billmapping::conventionsText)
    connect(m_timeFormat, &QComboBox::currentIndexChanged, this, [this] {
        m_offset->setEnabled(TimeFormat(m_timeFormat->currentData().toInt()) == TimeFormat::Local);
        refreshPreview();
    });
    connect(m_offset, &QComboBox::currentIndexChanged, this, &ColumnMappingDialog::refreshPreview);

    auto *valuesLabel = new QLabel(tr("API and region &values in the file:"));
    m_values =
        table({tr("Field"), tr("Value in the file"), tr("Catalog entry")}, tr("API and region values"));
    valuesLabel->setBuddy(m_values);
    auto *valuesColumn = new QVBoxLayout;
    valuesColumn->addWidget(valuesLabel);
    valuesColumn->addWidget(m_values, 1);
    auto *valuesRow = new QHBoxLayout;
    valuesRow->addLayout(valuesColumn, 3);
    layout->addLayout(valuesRow, 2);

    auto *previewLabel = new QLabel(bill ? tr("As the reconciliation will &read them:")
                                         : tr("As the import will &read them:"));
    m_preview = table(bill ? billmapping::previewHeaders()
                           : QStringList{tr("Line"), tr("Time"), tr("API"), tr("Region"), tr("Status"),
                                         tr("Project"), tr("Calls"), tr("Problem")},
                      tr("Rows as they will be read"));
    previewLabel->setBuddy(m_preview);
    layout->addWidget(previewLabel);
    layout->addWidget(m_preview, 3);
    if (bill)
        addBillParts(valuesRow, layout);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("mappingStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto *nameRow = new QHBoxLayout;
    auto *nameLabel = new QLabel(tr("Profile &name:"));
    m_name = new QLineEdit;
    m_name->setMaxLength(64);
    m_name->setPlaceholderText(bill ? tr("e.g. Bill export of the finance system") : tr("e.g. API gateway"));
    nameLabel->setBuddy(m_name);
    m_save = new QPushButton(tr("&Save profile"));
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_save);
    layout->addLayout(nameRow);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    if (bill) {
        m_save->setObjectName(QStringLiteral("billProfileSave"));
        // Saving a provider-bill profile is closing the books' (billing-decisions.md, "Roles").
        const auto who = resolveIdentity(m_engine.database(), m_engine.actor());
        const bool may = who && who->may(Permission::CloseMonth);
        m_save->setVisible(may);
        m_name->setReadOnly(!may);
        connect(m_name, &QLineEdit::textChanged, this, &ColumnMappingDialog::refreshPreview);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(bill ? tr("Use for the reconciliation") : tr("Use for the import"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

// Beside the values: the catalog's provider product names; below the preview: the conventions.
void ColumnMappingDialog::addBillParts(QBoxLayout *beside, QBoxLayout *below)
{
    auto *conventions = new QLabel(billmapping::conventionsText());
    conventions->setWordWrap(true);
    below->addWidget(conventions);
    auto *productsLabel = new QLabel(tr("Provider &product names of the catalog's APIs:"));
    m_products = billmapping::newProductTable(m_engine.catalog(), this);
    productsLabel->setBuddy(m_products);
    auto *services = new QLabel(billmapping::servicesText(m_engine.catalog()));
    services->setWordWrap(true);
    auto *column = new QVBoxLayout;
    column->addWidget(productsLabel);
    column->addWidget(m_products, 1);
    column->addWidget(services);
    beside->addLayout(column, 2);
}

// The field a column gives before anyone chooses: a saved profile's, a call log's strict-format name, a
// bill's documented header (English or Chinese).
QString ColumnMappingDialog::guessedField(const QString &column) const
{
    if (m_initial)
        return m_initial->columns.count(column) ? m_initial->columns.at(column) : QString();
    return m_kind == ProfileKind::ProviderBill ? suggestedBillField(column) : column;
}

void ColumnMappingDialog::setProfile(const ColumnProfile &profile)
{
    m_initial = profile;
    m_saved = profile; // it is saved under its name
    m_name->setText(profile.name);
    m_timeFormat->setCurrentIndex(m_timeFormat->findData(int(profile.timeFormat)));
    if (profile.timeFormat == TimeFormat::Local)
        m_offset->setCurrentIndex(std::max(0, m_offset->findData(profile.utcOffsetSeconds)));
    if (!m_sample.columns.isEmpty())
        showSample();
}

QComboBox *ColumnMappingDialog::fieldCombo(int column) const
{
    return qobject_cast<QComboBox *>(m_source->cellWidget(0, column));
}

QString ColumnMappingDialog::statusText() const
{
    return m_status->text();
}

void ColumnMappingDialog::read(bool withSample)
{
    MappingFactory mapping;
    if (!withSample) {
        QString problem;
        const std::optional<ColumnProfile> p = checkedProfile(problem);
        updateOk(p.has_value());
        if (!p) {
            m_rows.clear();
            m_billRows.clear();
            showPreview();
            m_status->setText(m_moved.isEmpty() ? problem : m_moved + u' ' + problem);
            m_moved.clear();
            emit previewed();
            return;
        }
        if (m_kind == ProfileKind::ProviderBill) {
            previewBill(*p);
            return;
        }
        mapping = CallLogMapping::factory(*p, m_engine.catalog());
    } else {
        m_status->setText(tr("Reading %1\u2026").arg(QFileInfo(m_path).fileName()));
    }
    auto catalog = std::make_shared<const Catalog>(m_engine.catalog());
    const QString path = m_path;
    if (m_kind == ProfileKind::ProviderBill) {
        m_task.start([path](TaskControl &) { return readBillMappingSample(path, kPreviewRows); });
        return;
    }
    m_task.start([path, catalog, mapping, withSample](TaskControl &) {
        return readMappingSample(path, *catalog, mapping, withSample, kPreviewRows);
    });
}

void ColumnMappingDialog::updateOk(bool valid)
{
    // Reconciliation reads a bill profile by its name: it is used once saved as it stands.
    const bool saved = m_kind == ProfileKind::CallLog || (m_saved && *m_saved == profile());
    okButton()->setEnabled(valid && saved);
}

// A bill's preview is made from the sample already read (20 rows): no second read of the file.
void ColumnMappingDialog::previewBill(const ColumnProfile &profile)
{
    auto ctx = m_engine.inspect();
    m_billProblem.clear();
    m_billRows.clear();
    if (!ctx) {
        m_billProblem = ctx.error().message;
    } else {
        BillFileOptions options = billOptionsOf(**ctx);
        options.profile = profile;
        auto rows = previewBillRows(m_sample, options, QFileInfo(m_path).fileName());
        if (rows)
            m_billRows = std::move(*rows);
        else
            m_billProblem = rows.error().message;
    }
    showPreview();
    emit previewed();
}

void ColumnMappingDialog::onRead(MappingSample result)
{
    if (!result.openError.isEmpty() || !result.error.isEmpty()) {
        m_status->setText(result.openError.isEmpty()
                              ? result.error
                              : tr("cannot open %1: %2").arg(m_path, result.openError));
        emit previewed();
        return;
    }
    if (result.sample) {
        m_sample = std::move(*result.sample);
        showSample();
        return;
    }
    m_rows = std::move(result.preview);
    showPreview();
    emit previewed();
}

void ColumnMappingDialog::showSample()
{
    const QStringList &columns = m_sample.columns;
    m_source->clear();
    m_source->setColumnCount(int(columns.size()));
    m_source->setHorizontalHeaderLabels(columns);
    m_source->setRowCount(1 + int(m_sample.rows.size()));
    QStringList lines{tr("Field")};
    const std::vector<ProfileField> fields = profileFields(m_kind);
    QStringList guessed;
    for (int c = 0; c < columns.size(); ++c) {
        auto *combo = new QComboBox;
        combo->setAccessibleName(tr("Field of column %1").arg(columns[c]));
        combo->addItem(tr("Ignore"), QString());
        for (const ProfileField &f : fields)
            combo->addItem(f.required ? tr("%1 (required)").arg(f.title) : f.title, f.id);
        // A saved profile says; otherwise a column named as a field (of the strict format, or a bill's
        // documented header) gives it, the first such column only.
        QString field = guessedField(columns[c]);
        if (guessed.contains(field))
            field.clear();
        guessed << field;
        combo->setCurrentIndex(std::max(0, combo->findData(field)));
        connect(combo, &QComboBox::currentIndexChanged, this, [this, c] { onFieldChosen(c); });
        m_source->setCellWidget(0, c, combo);
    }
    for (int r = 0; r < int(m_sample.rows.size()); ++r) {
        const SourceSample::Row &row = m_sample.rows[size_t(r)];
        lines << QLocale().toString(row.line);
        if (!row.problem.isEmpty()) {
            m_source->setItem(r + 1, 0, new QTableWidgetItem(row.problem));
            if (columns.size() > 1)
                m_source->setSpan(r + 1, 0, 1, int(columns.size()));
            continue;
        }
        for (int c = 0; c < row.cells.size() && c < columns.size(); ++c)
            m_source->setItem(r + 1, c, new QTableWidgetItem(row.cells[c]));
    }
    m_source->setVerticalHeaderLabels(lines);
    m_source->resizeColumnsToContents();
    m_source->resizeRowToContents(0);
    rebuildValues();
    refreshPreview();
}

void ColumnMappingDialog::onFieldChosen(int column)
{
    const QString field = fieldCombo(column)->currentData().toString();
    // A field comes from one column: choosing it here takes it from the column that had it.
    for (int c = 0; c < m_source->columnCount(); ++c) {
        QComboBox *other = fieldCombo(c);
        if (c != column && !field.isEmpty() && other->currentData().toString() == field) {
            const QSignalBlocker block(other);
            other->setCurrentIndex(0);
            m_moved = tr("%1 now comes from the column %2, no longer from %3.")
                          .arg(fieldCombo(column)->currentText(), m_sample.columns.value(column),
                               m_sample.columns.value(c));
        }
    }
    rebuildValues();
    refreshPreview();
}

QComboBox *ColumnMappingDialog::catalogCombo(ValueDomain domain, const QString &value)
{
    auto *combo = new QComboBox;
    combo->setAccessibleName(tr("Catalog entry for %1").arg(value));
    combo->addItem(tr("(as written)"), QString());
    const Catalog &catalog = m_engine.catalog();
    if (domain == ValueDomain::Api)
        for (const ApiInfo &a : catalog.apis())
            combo->addItem(QStringLiteral("%1 (%2)").arg(catalogName(a.name), a.id), a.id);
    else
        for (const RegionInfo &r : catalog.regions())
            combo->addItem(QStringLiteral("%1 (%2)").arg(catalogName(r.name), r.id), r.id);
    return combo;
}

void ColumnMappingDialog::rebuildValues()
{
    // What was chosen so far (or saved) stays chosen when the table is rebuilt.
    std::map<std::pair<QString, QString>, QString> chosen;
    if (m_initial)
        for (const auto &[field, map] : m_initial->values)
            for (const auto &[from, id] : map)
                chosen[{field, from}] = id;
    for (int r = 0; r < m_values->rowCount(); ++r)
        if (auto *combo = qobject_cast<QComboBox *>(m_values->cellWidget(r, 2)))
            chosen[{m_values->item(r, 0)->data(Qt::UserRole).toString(), m_values->item(r, 1)->text()}] =
                combo->currentData().toString();
    m_values->setRowCount(0);
    for (const ProfileField &f : profileFields(m_kind)) {
        if (f.values == ValueDomain::None)
            continue;
        int column = -1;
        for (int c = 0; c < m_source->columnCount(); ++c)
            if (fieldCombo(c)->currentData().toString() == f.id)
                column = c;
        if (column < 0)
            continue;
        QStringList seen;
        for (const SourceSample::Row &row : m_sample.rows)
            if (column < row.cells.size() && !row.cells[column].isEmpty() &&
                !seen.contains(row.cells[column]) && seen.size() < kMaxValues)
                seen << row.cells[column];
        for (const QString &value : seen) {
            const int r = m_values->rowCount();
            m_values->insertRow(r);
            auto *fieldItem = new QTableWidgetItem(f.title);
            fieldItem->setData(Qt::UserRole, f.id);
            fieldItem->setData(Qt::UserRole + 1, int(f.values));
            m_values->setItem(r, 0, fieldItem);
            m_values->setItem(r, 1, new QTableWidgetItem(value));
            QComboBox *combo = catalogCombo(f.values, value);
            const auto it = chosen.find({f.id, value});
            const QString id = it != chosen.end() ? it->second : recognizedId(f.values, value);
            combo->setCurrentIndex(std::max(0, combo->findData(id)));
            connect(combo, &QComboBox::currentIndexChanged, this, &ColumnMappingDialog::refreshPreview);
            m_values->setCellWidget(r, 2, combo);
        }
    }
    m_values->resizeColumnToContents(0);
    m_values->resizeColumnToContents(1);
}

ColumnProfile ColumnMappingDialog::profile() const
{
    ColumnProfile p;
    p.name = m_name->text().trimmed();
    p.kind = m_kind;
    for (int c = 0; c < m_source->columnCount(); ++c)
        if (const QString field = fieldCombo(c)->currentData().toString(); !field.isEmpty())
            p.columns[m_sample.columns.value(c)] = field;
    if (m_kind == ProfileKind::CallLog)
        p.timeFormat = TimeFormat(m_timeFormat->currentData().toInt());
    if (p.timeFormat == TimeFormat::Local)
        p.utcOffsetSeconds = m_offset->currentData().toInt();
    for (int r = 0; r < m_values->rowCount(); ++r) {
        const QTableWidgetItem *field = m_values->item(r, 0);
        const QString value = m_values->item(r, 1)->text();
        const QString id = qobject_cast<QComboBox *>(m_values->cellWidget(r, 2))->currentData().toString();
        // Ids and catalog names are recognized anyway: only what the catalog cannot tell is saved.
        const auto domain = ValueDomain(field->data(Qt::UserRole + 1).toInt());
        if (!id.isEmpty() && recognizedId(domain, value) != id)
            p.values[field->data(Qt::UserRole).toString()][value] = id;
    }
    return p;
}

std::optional<ColumnProfile> ColumnMappingDialog::checkedProfile(QString &problem) const
{
    ColumnProfile p = profile();
    QStringList missing;
    for (const ProfileField &f : profileFields(p.kind))
        if (f.required && p.sourceOf(f.id).isEmpty())
            missing << f.title;
    if (!missing.isEmpty()) {
        problem = tr("Choose the column of: %1.").arg(missing.join(QLatin1String(", ")));
        return std::nullopt;
    }
    if (p.name.isEmpty())
        p.name = tr("(unsaved)");
    if (Status s = validateProfile(p, m_engine.catalog()); !s) {
        problem = s.error().message;
        return std::nullopt;
    }
    return p;
}

void ColumnMappingDialog::refreshPreview()
{
    if (!m_sample.columns.isEmpty())
        read(false);
}

void ColumnMappingDialog::showPreview()
{
    if (m_kind == ProfileKind::ProviderBill) {
        const int refused = billmapping::fillPreview(m_preview, m_billRows, BillingCalendar());
        qsizetype ignored = 0;
        for (const BillPreviewRow &r : m_billRows)
            ignored += r.key || !r.problem.isEmpty() ? 0 : 1;
        QString text = !m_billProblem.isEmpty() ? m_billProblem
                       : m_billRows.empty()     ? QString()
                       : refused
                           ? tr("%1 of the first %2 rows cannot be read: the reconciliation refuses a file "
                                "whole.")
                                 .arg(refused)
                                 .arg(m_billRows.size())
                           : tr("The first %1 rows read correctly (%2 of another service, ignored).")
                                 .arg(m_billRows.size())
                                 .arg(ignored);
        if (!m_moved.isEmpty())
            text = m_moved + u' ' + text;
        m_moved.clear();
        m_status->setText(text);
        return;
    }
    const QLocale locale;
    const BillingCalendar calendar(BillingCalendar::DefaultOffsetSeconds);
    const Catalog &catalog = m_engine.catalog();
    m_preview->setRowCount(int(m_rows.size()));
    int refused = 0;
    for (int r = 0; r < int(m_rows.size()); ++r) {
        const PreviewRow &row = m_rows[size_t(r)];
        QStringList cells{locale.toString(row.line)};
        if (row.record) {
            const CallRecord &rec = *row.record;
            cells << calendar.format(rec.ts) << catalog.apis()[size_t(rec.api)].id
                  << catalog.regions()[size_t(rec.region)].id << QString::number(rec.status) << rec.project
                  << locale.toString(rec.count) << QString();
        } else {
            ++refused;
            cells << QString() << QString() << QString() << QString() << QString() << QString()
                  << (row.column.isEmpty() ? row.problem : tr("%1: %2").arg(row.column, row.problem));
        }
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 0 || c == 6)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c == 7)
                item->setToolTip(cells[c]);
            m_preview->setItem(r, c, item);
        }
    }
    // The problem column takes the rest of the width; its whole text is its tooltip.
    for (int c = 0; c + 1 < m_preview->columnCount(); ++c)
        m_preview->resizeColumnToContents(c);
    m_status->setText(m_rows.empty() ? QString()
                      : refused
                          ? tr("%1 of the first %2 rows would be refused: the import takes a file whole or "
                               "not at all.")
                                .arg(refused)
                                .arg(m_rows.size())
                          : tr("The first %1 rows read correctly.").arg(m_rows.size()));
}

ConfirmDialog *ColumnMappingDialog::save()
{
    const ColumnProfile p = profile();
    if (Status s = validateProfileName(p.name); !s) {
        m_status->setText(s.error().message);
        return nullptr;
    }
    // A profile without its required fields is not saved: the same words as while mapping.
    if (QString problem; !checkedProfile(problem)) {
        m_status->setText(tr("Not saved: %1").arg(problem));
        return nullptr;
    }
    auto ctx = m_engine.inspect();
    auto exists = ctx ? columnProfileExists(**ctx, p.kind, p.name) : Result<bool>(ctx.error());
    if (!exists) {
        m_status->setText(exists.error().message);
        return nullptr;
    }
    if (!*exists) {
        store(false);
        return nullptr;
    }
    auto *confirm = new ConfirmDialog(
        tr("Replace column profile"),
        tr("A column profile named %1 exists already. Replace it with this mapping?").arg(p.name),
        tr("&Replace"), this);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QDialog::accepted, this, [this] { store(true); });
    confirm->open();
    return confirm;
}

void ColumnMappingDialog::store(bool replace)
{
    const ColumnProfile p = profile();
    Status s = m_engine.run([&](Context &ctx) { return saveColumnProfile(ctx, p, replace); });
    if (!s) {
        m_status->setText(s.error().message);
        return;
    }
    m_initial = p;
    m_saved = p;
    updateOk(true);
    m_status->setText(tr("Saved the column profile %1.").arg(p.name));
    emit saved(p.name);
}

} // namespace billing::ui
