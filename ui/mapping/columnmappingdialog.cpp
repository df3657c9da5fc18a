#include "mapping/columnmappingdialog.h"

#include "catalog/catalog.h"
#include "engine/context.h"
#include "engine/engine.h"
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

// The catalog id a value means without a map of the profile: an id, or a catalog name.
QString recognizedId(const Catalog &catalog, ValueDomain domain, const QString &value)
{
    if (domain == ValueDomain::Api) {
        for (const ApiInfo &a : catalog.apis())
            if (a.id == value || a.name == value)
                return a.id;
    } else {
        for (const RegionInfo &r : catalog.regions())
            if (r.id == value || r.name == value)
                return r.id;
    }
    return {};
}

} // namespace

ColumnMappingDialog::ColumnMappingDialog(Engine &engine, const QString &path, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_path(path)
{
    setWindowTitle(tr("Map columns"));
    buildForm();
    m_task.onFinished([this](MappingSample result) { onRead(std::move(result)); });
    resize(fontMetrics().averageCharWidth() * 150, fontMetrics().height() * 46);
    orderTabsByLayout(this);
    read(true);
}

ColumnMappingDialog::~ColumnMappingDialog() = default;

void ColumnMappingDialog::buildForm()
{
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(tr("Choose the field each column of %1 gives; columns left on Ignore are not read.")
                             .arg(QFileInfo(m_path).fileName()));
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_source = table({}, tr("Rows of the file"));
    m_source->horizontalHeader()->setStretchLastSection(false);
    m_source->verticalHeader()->show(); // "Field", then the file's line numbers
    layout->addWidget(m_source, 3);

    auto *timeRow = new QHBoxLayout;
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
    layout->addLayout(timeRow);
    connect(m_timeFormat, &QComboBox::currentIndexChanged, this, [this] {
        m_offset->setEnabled(TimeFormat(m_timeFormat->currentData().toInt()) == TimeFormat::Local);
        refreshPreview();
    });
    connect(m_offset, &QComboBox::currentIndexChanged, this, &ColumnMappingDialog::refreshPreview);

    auto *valuesLabel = new QLabel(tr("API and region &values in the file:"));
    m_values =
        table({tr("Field"), tr("Value in the file"), tr("Catalog entry")}, tr("API and region values"));
    valuesLabel->setBuddy(m_values);
    layout->addWidget(valuesLabel);
    layout->addWidget(m_values, 2);

    auto *previewLabel = new QLabel(tr("As the import will &read them:"));
    m_preview = table({tr("Line"), tr("Time"), tr("API"), tr("Region"), tr("Status"), tr("Project"),
                       tr("Calls"), tr("Problem")},
                      tr("Rows as they will be read"));
    previewLabel->setBuddy(m_preview);
    layout->addWidget(previewLabel);
    layout->addWidget(m_preview, 3);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto *nameRow = new QHBoxLayout;
    auto *nameLabel = new QLabel(tr("Profile &name:"));
    m_name = new QLineEdit;
    m_name->setMaxLength(64);
    m_name->setPlaceholderText(tr("e.g. API gateway"));
    nameLabel->setBuddy(m_name);
    m_save = new QPushButton(tr("&Save profile"));
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_save);
    layout->addLayout(nameRow);
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use for the import"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ColumnMappingDialog::setProfile(const ColumnProfile &profile)
{
    m_initial = profile;
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
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.has_value());
        if (!p) {
            m_rows.clear();
            showPreview();
            m_status->setText(problem);
            emit previewed();
            return;
        }
        mapping = CallLogMapping::factory(*p, m_engine.catalog());
    } else {
        m_status->setText(tr("Reading %1\u2026").arg(QFileInfo(m_path).fileName()));
    }
    auto catalog = std::make_shared<const Catalog>(m_engine.catalog());
    const QString path = m_path;
    m_task.start([path, catalog, mapping, withSample](TaskControl &) {
        return readMappingSample(path, *catalog, mapping, withSample, kPreviewRows);
    });
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
    const std::vector<ProfileField> fields = profileFields(ProfileKind::CallLog);
    for (int c = 0; c < columns.size(); ++c) {
        auto *combo = new QComboBox;
        combo->setAccessibleName(tr("Field of column %1").arg(columns[c]));
        combo->addItem(tr("Ignore"), QString());
        for (const ProfileField &f : fields)
            combo->addItem(f.required ? tr("%1 (required)").arg(f.title) : f.title, f.id);
        // A saved profile says; otherwise a column named as a field of the strict format gives it.
        const QString field =
            m_initial ? m_initial->columns.count(columns[c]) ? m_initial->columns.at(columns[c]) : QString()
                      : columns[c];
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
    const Catalog &catalog = m_engine.catalog();
    for (const ProfileField &f : profileFields(ProfileKind::CallLog)) {
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
            const QString id = it != chosen.end() ? it->second : recognizedId(catalog, f.values, value);
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
    for (int c = 0; c < m_source->columnCount(); ++c)
        if (const QString field = fieldCombo(c)->currentData().toString(); !field.isEmpty())
            p.columns[m_sample.columns.value(c)] = field;
    p.timeFormat = TimeFormat(m_timeFormat->currentData().toInt());
    if (p.timeFormat == TimeFormat::Local)
        p.utcOffsetSeconds = m_offset->currentData().toInt();
    const Catalog &catalog = m_engine.catalog();
    for (int r = 0; r < m_values->rowCount(); ++r) {
        const QTableWidgetItem *field = m_values->item(r, 0);
        const QString value = m_values->item(r, 1)->text();
        const QString id = qobject_cast<QComboBox *>(m_values->cellWidget(r, 2))->currentData().toString();
        // Ids and catalog names are recognized anyway: only what the catalog cannot tell is saved.
        const auto domain = ValueDomain(field->data(Qt::UserRole + 1).toInt());
        if (!id.isEmpty() && recognizedId(catalog, domain, value) != id)
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
    m_status->setText(tr("Saved the column profile %1.").arg(p.name));
    emit saved(p.name);
}

} // namespace billing::ui
