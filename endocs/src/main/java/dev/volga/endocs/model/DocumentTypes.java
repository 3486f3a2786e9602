package dev.volga.endocs.model;

/**
 * Document type ids ({@code DocTypeId}) of a fresh EnDocs database (the server's seed data). An
 * account may have other ids: the names are the stable key; pass the id your account uses when it
 * differs.
 */
public final class DocumentTypes {

    /** {@code Поступление}: purchase receipt (the "new inputs" feed). */
    public static final int RECEIPT = 1;
    /** {@code Реализация}: sale. */
    public static final int SALE = 2;
    /** {@code Договор}: contract. */
    public static final int CONTRACT = 4;
    /** {@code Счет-фактура исходящий}: outgoing tax invoice. */
    public static final int OUTGOING_TAX_INVOICE = 5;
    /** {@code Счет исходящий}: outgoing invoice. */
    public static final int OUTGOING_INVOICE = 6;
    /** {@code Банк}: bank document. */
    public static final int BANK = 7;
    /** {@code Авансовый отчет}: expense report. */
    public static final int EXPENSE_REPORT = 8;
    /** {@code Отчет}: report. */
    public static final int REPORT = 9;
    /** {@code Акт сверки}: reconciliation statement. */
    public static final int RECONCILIATION = 10;
    /** {@code Входящая корреспонденция}: incoming correspondence. */
    public static final int INCOMING_CORRESPONDENCE = 11;
    /** {@code Исходящая корреспонденция}: outgoing correspondence. */
    public static final int OUTGOING_CORRESPONDENCE = 12;
    /** {@code Прочее}: other. */
    public static final int OTHER = 13;
    /** {@code Счет входящий}: incoming invoice (the "new invoices" feed). */
    public static final int INCOMING_INVOICE = 14;
    /** {@code Счет-фактура входящий}: incoming tax invoice. */
    public static final int INCOMING_TAX_INVOICE = 15;
    /** {@code Необработанные}: unprocessed scans. */
    public static final int UNPROCESSED = 16;
    /** {@code Служебная записка}: memo. */
    public static final int MEMO = 19;

    private DocumentTypes() {
    }
}
