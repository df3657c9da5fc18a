#pragma once

#include "mapping/columnprofile.h"
#include "mapping/mappingjob.h"
#include "reconcile/billpreview.h"
#include "widgets/backgroundtask.h"

#include <QDialog>

#include <optional>

class QBoxLayout;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace billing {
class Engine;
}

namespace billing::ui {

class ConfirmDialog;

// Maps the columns of a file in someone else's layout to the fields a profile kind reads (call logs, and
// the provider's bill files of provider-bills.md §1): the file's first rows with a field choice above
// each column, the time format and UTC offset (call logs) or the conventions bills are read with, the API
// and region values seen mapped to catalog entries, the rows as they will be read (each with its error),
// and saving the mapping as a named profile (asking before replacing one). A provider-bill dialog also
// lists the catalog's provider product names per API, and saving one needs Permission::CloseMonth (the
// save button is hidden otherwise); its OK ("Use for the reconciliation") needs the mapping saved, since
// reconciliation reads a profile by name. The file is read off the GUI thread; OK hands profile() to the
// caller.
class ColumnMappingDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kPreviewRows = 20;

    ColumnMappingDialog(Engine &engine, const QString &path, QWidget *parent,
                        ProfileKind kind = ProfileKind::CallLog);
    ~ColumnMappingDialog() override;

    // Starts from a saved profile (applied once the file's columns are known).
    void setProfile(const ColumnProfile &profile);
    // The mapping as edited, named as the name field says.
    ColumnProfile profile() const;
    bool isReading() const { return m_task.isRunning(); }
    ProfileKind kind() const { return m_kind; }
    // Saves under the name field's name; a name in use first asks (the returned dialog, or null).
    ConfirmDialog *save();

    QTableWidget *sourceTable() const { return m_source; }
    QTableWidget *valueTable() const { return m_values; }
    QTableWidget *previewTable() const { return m_preview; }
    QTableWidget *productTable() const { return m_products; } // provider bills only
    QPushButton *okButton() const;
    QComboBox *fieldCombo(int column) const;
    QComboBox *timeFormatCombo() const { return m_timeFormat; }
    QComboBox *offsetCombo() const { return m_offset; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *saveButton() const { return m_save; }
    QString statusText() const;

signals:
    void previewed();
    void saved(const QString &name);

private:
    void buildForm();
    void addBillParts(QBoxLayout *beside, QBoxLayout *below);
    QString guessedField(const QString &column) const;
    void previewBill(const ColumnProfile &profile);
    void updateOk(bool valid);
    void read(bool withSample);
    void onRead(MappingSample result);
    void showSample();
    void onFieldChosen(int column);
    void rebuildValues();
    void refreshPreview();
    void showPreview();
    void store(bool replace);
    QComboBox *catalogCombo(ValueDomain domain, const QString &value);
    QString recognizedId(ValueDomain domain, const QString &value) const;
    std::optional<ColumnProfile> checkedProfile(QString &problem) const;

    Engine &m_engine;
    QString m_path;
    ProfileKind m_kind;
    std::optional<ColumnProfile> m_initial;
    std::optional<ColumnProfile> m_saved; // as last saved from this dialog
    QString m_moved;                      // a field just taken from another column, said once
    SourceSample m_sample;
    std::vector<PreviewRow> m_rows;
    std::vector<BillPreviewRow> m_billRows;
    QString m_billProblem;
    BackgroundTask<MappingSample> m_task;

    QLabel *m_intro = nullptr;
    QTableWidget *m_source = nullptr;
    QWidget *m_timeRow = nullptr;
    QComboBox *m_timeFormat = nullptr;
    QComboBox *m_offset = nullptr;
    QTableWidget *m_values = nullptr;
    QTableWidget *m_preview = nullptr;
    QTableWidget *m_products = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_save = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace billing::ui
