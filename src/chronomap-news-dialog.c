/* chronomap-news-dialog.c: events proposed from news articles, for review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The analyst chooses articles and gives each its publication date; the
 * extractor runs in a thread and proposes events, each shown with the
 * sentence it comes from, the place, date, actors and trigger highlighted.
 * Nothing is written until "Add N Events": then the accepted events, with
 * the analyst's corrections, go into one event database in one transaction.
 */
#define G_LOG_DOMAIN "chronomap-news-dialog"

#include "config.h"

#include "chronomap-news-dialog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "chronomap-database.h"
#include "chronomap-date.h"
#include "chronomap-date-expr.h"
#include "chronomap-extract-writer.h"
#include "chronomap-extractor.h"
#include "chronomap-paths.h"

typedef enum
{
  DECISION_UNDECIDED,
  DECISION_ACCEPTED,
  DECISION_REJECTED,
} Decision;

typedef struct
{
  GFile          *file;
  char           *display_name;
  AdwExpanderRow *row;
  GtkEditable    *published_entry;
  GtkPopover     *published_calendar;
  GtkEditable    *title_entry;
  GtkEditable    *url_entry;
  gint32          published;
  char           *text;
} Article;

typedef struct
{
  ChronomapNewsDialog     *self;
  Article                 *article;
  ChronomapExtractedEvent *event;
  Decision                 decision;
  gboolean                 valid;
  GtkWidget               *row;
  GtkLabel                *summary;
  GtkLabel                *quote;
  GtkLabel                *details;
  GtkToggleButton         *accept;
  GtkToggleButton         *reject;
  GtkEditable             *from;
  GtkEditable             *to;
  GtkEditable             *place;
  GtkEditable             *actor1;
  GtkEditable             *actor2;
  GtkEditable             *fatalities;
  GtkDropDown             *type;
} Proposal;

struct _ChronomapNewsDialog
{
  AdwWindow        parent_instance;

  ChronomapWindow *window;
  GCancellable    *cancellable;
  GPtrArray       *articles;
  GPtrArray       *proposals;
  gboolean         busy;
  gboolean         updating;
  gboolean         discard;   /* the analyst said to close without adding */

  AdwToastOverlay *toast_overlay;
  GtkWidget       *add_button;
  GtkListBox      *articles_list;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;
  GtkWidget       *events_box;
  GtkLabel        *events_title;
  GtkLabel        *legend_label;
  GtkListBox      *events_list;
};

G_DEFINE_FINAL_TYPE (ChronomapNewsDialog, chronomap_news_dialog, ADW_TYPE_WINDOW)

/* ACLED's event taxonomy (codebook 2023): what an analyst may correct a
 * proposed type to.  The English terms are what the file stores. */
static const struct
{
  const char *event_type;
  const char *sub_event_type;
} acled_types[] = {
  { N_("Battles"), N_("Armed clash") },
  { N_("Battles"), N_("Government regains territory") },
  { N_("Battles"), N_("Non-state actor overtakes territory") },
  { N_("Explosions/Remote violence"), N_("Chemical weapon") },
  { N_("Explosions/Remote violence"), N_("Air/drone strike") },
  { N_("Explosions/Remote violence"), N_("Suicide bomb") },
  { N_("Explosions/Remote violence"), N_("Shelling/artillery/missile attack") },
  { N_("Explosions/Remote violence"), N_("Remote explosive/landmine/IED") },
  { N_("Explosions/Remote violence"), N_("Grenade") },
  { N_("Violence against civilians"), N_("Sexual violence") },
  { N_("Violence against civilians"), N_("Attack") },
  { N_("Violence against civilians"), N_("Abduction/forced disappearance") },
  { N_("Protests"), N_("Peaceful protest") },
  { N_("Protests"), N_("Protest with intervention") },
  { N_("Protests"), N_("Excessive force against protesters") },
  { N_("Riots"), N_("Violent demonstration") },
  { N_("Riots"), N_("Mob violence") },
  { N_("Strategic developments"), N_("Agreement") },
  { N_("Strategic developments"), N_("Arrests") },
  { N_("Strategic developments"), N_("Change to group/activity") },
  { N_("Strategic developments"), N_("Disrupted weapons use") },
  { N_("Strategic developments"), N_("Headquarters or base established") },
  { N_("Strategic developments"), N_("Looting/property destruction") },
  { N_("Strategic developments"), N_("Non-violent transfer of territory") },
  { N_("Strategic developments"), N_("Other") },
};

/* Highlight colours: GNOME palette hues at low alpha, so the text keeps
 * its own colour and contrast in both the light and the dark style. */
#define PLACE_SPAN  "<span background=\"#3584e4\" bgalpha=\"28%\" weight=\"bold\">"
#define DATE_SPAN   "<span background=\"#ff7800\" bgalpha=\"30%\" weight=\"bold\">"
#define ACTOR_SPAN  "<span background=\"#2ec27e\" bgalpha=\"30%\" weight=\"bold\">"
#define TRIGGER_SPAN "<span underline=\"single\" style=\"italic\">"

static void
article_free (Article *article)
{
  g_clear_object (&article->file);
  g_free (article->display_name);
  g_free (article->text);
  g_free (article);
}

static void
proposal_free (Proposal *proposal)
{
  g_clear_pointer (&proposal->event, chronomap_extracted_event_free);
  g_free (proposal);
}

static guint
find_type (const char *sub_event_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (acled_types); i++)
    if (g_strcmp0 (acled_types[i].sub_event_type, sub_event_type) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
parse_published (const char *text,
                 gint32     *out_day)
{
  ChronomapDatePrecision precision;

  return chronomap_date_parse (text, -1, out_day, &precision) &&
         precision == CHRONOMAP_DATE_PRECISION_DAY;
}

static void
set_error_style (GtkEditable *editable,
                 gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

/* A span of the article inside the sentence, as sentence-relative bytes. */
typedef struct
{
  gssize      start;
  gssize      end;
  const char *open;
} Mark;

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = NULL;
  g_autofree char *flat = g_strndup (text, length);

  /* An article's sentence may be wrapped over lines; the label wraps it. */
  g_strdelimit (flat, "\r\n\t", ' ');
  escaped = g_markup_escape_text (flat, -1);
  g_string_append (out, escaped);
}

static char *
sentence_markup (const Article                 *article,
                 const ChronomapExtractedEvent *e)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const ChronomapTextSpan *spans[] = { &e->place_span, &e->date_span, &e->actor1_span,
                                       &e->actor2_span, &e->trigger_span };
  const char *opens[] = { PLACE_SPAN, DATE_SPAN, ACTOR_SPAN, ACTOR_SPAN, TRIGGER_SPAN };
  Mark marks[G_N_ELEMENTS (spans)];
  guint n_marks = 0;
  const char *sentence;
  gssize length, at = 0;

  if (article->text == NULL || e->sentence.start < 0 || e->sentence.end <= e->sentence.start ||
      (gsize) e->sentence.end > strlen (article->text) ||
      !g_utf8_validate (article->text + e->sentence.start, e->sentence.end - e->sentence.start, NULL))
    {
      append_escaped (out, e->quote != NULL ? e->quote : "", -1);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  sentence = article->text + e->sentence.start;
  length = e->sentence.end - e->sentence.start;
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      gssize start = spans[i]->start - e->sentence.start;
      gssize end = spans[i]->end - e->sentence.start;

      if (spans[i]->start < 0 || start < 0 || end > length || end <= start ||
          !g_utf8_validate (sentence + start, end - start, NULL))
        continue;
      marks[n_marks].start = start;
      marks[n_marks].end = end;
      marks[n_marks].open = opens[i];
      n_marks++;
    }
  qsort (marks, n_marks, sizeof (Mark), compare_marks);

  for (guint i = 0; i < n_marks; i++)
    {
      /* Overlapping spans (an actor inside the trigger): the first wins. */
      if (marks[i].start < at)
        continue;
      append_escaped (out, sentence + at, marks[i].start - at);
      g_string_append (out, marks[i].open);
      append_escaped (out, sentence + marks[i].start, marks[i].end - marks[i].start);
      g_string_append (out, "</span>");
      at = marks[i].end;
    }
  append_escaped (out, sentence + at, length - at);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
format_date_range (gint32                 start,
                   gint32                 end,
                   ChronomapDatePrecision precision)
{
  g_autofree char *from = chronomap_date_format (start, precision);
  g_autofree char *to = chronomap_date_format (end, precision);

  if (g_strcmp0 (from, to) == 0)
    return g_steal_pointer (&from);
  /* Translators: a range of dates, "2017-08 – 2017-10" */
  return g_strdup_printf (_("%s – %s"), from, to);
}

static const char *
precision_label (ChronomapDatePrecision precision)
{
  switch (precision)
    {
    case CHRONOMAP_DATE_PRECISION_MONTH:
      return _("month");
    case CHRONOMAP_DATE_PRECISION_YEAR:
      return _("year");
    case CHRONOMAP_DATE_PRECISION_DAY:
    default:
      return _("day");
    }
}

static guint
count_accepted (ChronomapNewsDialog *self,
                gboolean            *all_valid)
{
  guint n = 0;

  *all_valid = TRUE;
  for (guint i = 0; i < self->proposals->len; i++)
    {
      Proposal *p = g_ptr_array_index (self->proposals, i);

      if (p->decision != DECISION_ACCEPTED)
        continue;
      n++;
      if (!p->valid)
        *all_valid = FALSE;
    }
  return n;
}

static gboolean
articles_valid (ChronomapNewsDialog *self)
{
  if (self->articles->len == 0)
    return FALSE;
  for (guint i = 0; i < self->articles->len; i++)
    {
      Article *a = g_ptr_array_index (self->articles, i);
      gint32 day;

      if (!parse_published (gtk_editable_get_text (a->published_entry), &day))
        return FALSE;
    }
  return TRUE;
}

static void
update_actions (ChronomapNewsDialog *self)
{
  gboolean all_valid;
  guint n = count_accepted (self, &all_valid);
  g_autofree char *label = NULL;
  guint undecided = 0;

  for (guint i = 0; i < self->proposals->len; i++)
    if (((Proposal *) g_ptr_array_index (self->proposals, i))->decision == DECISION_UNDECIDED)
      undecided++;

  if (n == 0)
    label = g_strdup (_("_Add Events"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Add %u Event", "_Add %u Events", n), n);
  gtk_button_set_label (GTK_BUTTON (self->add_button), label);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.add", n > 0 && all_valid && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.find", articles_valid (self) && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.choose", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "news.accept-all", undecided > 0 && !self->busy);

  if (self->proposals->len > 0)
    {
      g_autofree char *title = NULL;

      /* Translators: "12 Proposed Events · 3 accepted · 2 rejected" */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Proposed Event · %u accepted · %u to review",
                                            "%u Proposed Events · %u accepted · %u to review",
                                            self->proposals->len),
                               self->proposals->len, n, undecided);
      gtk_label_set_label (self->events_title, title);
    }
}

static void
update_proposal_labels (Proposal *p)
{
  const ChronomapExtractedEvent *e = p->event;
  g_autofree char *date = format_date_range (e->date_start, e->date_end, e->precision);
  g_autofree char *summary = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  const char *place = e->location != NULL && e->location[0] != '\0' ? e->location : _("No place");
  guint type = find_type (e->sub_event_type);
  g_autofree char *escaped_place = g_markup_escape_text (place, -1);
  g_autofree char *escaped_type = g_markup_escape_text (type != GTK_INVALID_LIST_POSITION ?
                                                        _(acled_types[type].sub_event_type) :
                                                        e->sub_event_type != NULL ? e->sub_event_type : "",
                                                        -1);

  /* Translators: the heading of a proposed event, "2017-10-14 · al-Mayadin · Armed clash" */
  summary = g_strdup_printf (_("%s · %s · %s"), date, escaped_place, escaped_type);
  gtk_label_set_markup (p->summary, summary);

  /* Translators: an event's ACLED type and sub-type, "Battles › Armed clash" */
  g_string_append_printf (details, _("%s › %s"),
                          type != GTK_INVALID_LIST_POSITION ? _(acled_types[type].event_type) : e->event_type,
                          type != GTK_INVALID_LIST_POSITION ? _(acled_types[type].sub_event_type) : e->sub_event_type);
  g_string_append (details, "  ·  ");
  /* Translators: how precise the date is, "day precision" */
  g_string_append_printf (details, _("%s precision"), precision_label (e->precision));
  if (e->date_assumed)
    {
      g_string_append (details, "  ·  ");
      /* Translators: an event whose sentence and paragraph give no date */
      g_string_append (details, _("no date in the text: the publication day"));
    }
  if (e->place != NULL)
    {
      g_string_append (details, "  ·  ");
      g_string_append_printf (details, "%s%s%s", e->place->name,
                              e->place->country_name != NULL ? ", " : "",
                              e->place->country_name != NULL ? e->place->country_name : "");
    }
  else if (e->location != NULL && e->location[0] != '\0')
    {
      g_string_append (details, "  ·  ");
      g_string_append (details, _("place to be geocoded"));
    }
  g_string_append (details, "\n");
  if (e->actor1 != NULL || e->actor2 != NULL)
    {
      /* Translators: the two sides of an event */
      g_string_append_printf (details, _("Actors: %s%s%s"), e->actor1 != NULL ? e->actor1 : "—",
                              e->actor2 != NULL ? _(" and ") : "", e->actor2 != NULL ? e->actor2 : "");
    }
  else
    g_string_append (details, _("No actors named"));
  g_string_append (details, "  ·  ");
  if (e->fatalities >= 0)
    g_string_append_printf (details, g_dngettext (GETTEXT_PACKAGE, "%d fatality", "%d fatalities",
                                                  (gulong) MIN (e->fatalities, G_MAXINT)),
                            (int) MIN (e->fatalities, G_MAXINT));
  else
    g_string_append (details, _("Fatalities not stated"));
  g_string_append (details, "  ·  ");
  /* Translators: the extractor's confidence in an event, "confidence 82%" */
  g_string_append_printf (details, _("confidence %d%%"), (int) (e->confidence * 100 + 0.5));
  gtk_label_set_label (p->details, details->str);
}

static void
update_decision_style (Proposal *p)
{
  /* A rejected event stays readable, faded, so the analyst can change
   * their mind; its buttons keep full contrast. */
  double opacity = p->decision == DECISION_REJECTED ? 0.45 : 1.0;

  gtk_widget_set_opacity (GTK_WIDGET (p->summary), opacity);
  gtk_widget_set_opacity (GTK_WIDGET (p->quote), opacity);
  gtk_widget_set_opacity (GTK_WIDGET (p->details), opacity);
  /* The decision readable at a glance down a long list: green, red. */
  if (p->decision == DECISION_ACCEPTED)
    gtk_widget_add_css_class (GTK_WIDGET (p->accept), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (p->accept), "success");
  if (p->decision == DECISION_REJECTED)
    gtk_widget_add_css_class (GTK_WIDGET (p->reject), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (p->reject), "error");
}

static char *
dup_text (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (text[0] == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

/* Reads the editors back into the event; marks what cannot be read. */
static void
read_corrections (Proposal *p)
{
  ChronomapExtractedEvent *e = p->event;
  gint32 start, end;
  ChronomapDatePrecision p1, p2;
  const char *to_text = gtk_editable_get_text (p->to);
  const char *fatalities = gtk_editable_get_text (p->fatalities);
  gboolean from_ok, to_ok = TRUE, fatalities_ok = TRUE;
  g_autofree char *place = dup_text (p->place);
  guint type = gtk_drop_down_get_selected (p->type);
  gint64 killed = -1;

  from_ok = chronomap_date_parse (gtk_editable_get_text (p->from), -1, &start, &p1);
  end = start;
  p2 = p1;
  if (from_ok && to_text[0] != '\0')
    to_ok = chronomap_date_parse (to_text, -1, &end, &p2) && end >= start;
  if (fatalities[0] != '\0')
    {
      guint64 n;

      fatalities_ok = g_ascii_string_to_unsigned (fatalities, 10, 0, 1000000, &n, NULL);
      killed = fatalities_ok ? (gint64) n : -1;
    }
  set_error_style (p->from, !from_ok);
  set_error_style (p->to, !to_ok);
  set_error_style (p->fatalities, !fatalities_ok);
  p->valid = from_ok && to_ok && fatalities_ok;
  if (!p->valid)
    return;

  /* The coarser precision of the two ends, so both are written the same way. */
  e->precision = MAX (p1, p2);
  /* a date the analyst changed is no longer assumed */
  if (chronomap_date_period_start (start, e->precision) != e->date_start ||
      chronomap_date_period_end (end, e->precision) != e->date_end)
    e->date_assumed = FALSE;
  e->date_start = chronomap_date_period_start (start, e->precision);
  e->date_end = chronomap_date_period_end (end, e->precision);
  e->fatalities = killed;

  /* A renamed place loses its gazetteer entry: the window's geocoder
   * places the new name when the file opens. */
  if (g_strcmp0 (place, e->location) != 0)
    {
      g_clear_pointer (&e->place, chronomap_gazetteer_entry_free);
      g_free (e->location);
      e->location = g_steal_pointer (&place);
    }
  g_free (e->actor1);
  e->actor1 = dup_text (p->actor1);
  g_free (e->actor2);
  e->actor2 = dup_text (p->actor2);
  if (type != GTK_INVALID_LIST_POSITION && type < G_N_ELEMENTS (acled_types))
    {
      g_free (e->event_type);
      e->event_type = g_strdup (acled_types[type].event_type);
      g_free (e->sub_event_type);
      e->sub_event_type = g_strdup (acled_types[type].sub_event_type);
    }
}

static void
set_decision (Proposal *p,
              Decision  decision)
{
  ChronomapNewsDialog *self = p->self;

  p->decision = decision;
  self->updating = TRUE;
  gtk_toggle_button_set_active (p->accept, decision == DECISION_ACCEPTED);
  gtk_toggle_button_set_active (p->reject, decision == DECISION_REJECTED);
  self->updating = FALSE;
  update_decision_style (p);
  update_actions (self);
}

static void
correction_changed_cb (GtkWidget *widget,
                       gpointer   user_data)
{
  Proposal *p = user_data;

  if (p->self->updating)
    return;
  read_corrections (p);
  update_proposal_labels (p);
  /* Correcting an event is accepting it as corrected. */
  if (p->decision == DECISION_UNDECIDED)
    set_decision (p, DECISION_ACCEPTED);
  else
    update_actions (p->self);
}

static void
decision_toggled_cb (GtkToggleButton *button,
                     gpointer         user_data)
{
  Proposal *p = user_data;

  if (p->self->updating)
    return;
  if (gtk_toggle_button_get_active (p->accept))
    set_decision (p, DECISION_ACCEPTED);
  else if (gtk_toggle_button_get_active (p->reject))
    set_decision (p, DECISION_REJECTED);
  else
    set_decision (p, DECISION_UNDECIDED);
}

static GtkEditable *
add_editor (GtkGrid     *grid,
            int          column,
            int          row,
            const char  *label,
            const char  *text,
            const char  *placeholder,
            const char  *name,
            Proposal    *p)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_name (entry, name);
  gtk_grid_attach (grid, title, column, row, 1, 1);
  gtk_grid_attach (grid, entry, column + 1, row, 1, 1);
  g_signal_connect (entry, "changed", G_CALLBACK (correction_changed_cb), p);
  return GTK_EDITABLE (entry);
}

static GtkWidget *
build_proposal_row (ChronomapNewsDialog *self,
                    Proposal            *p)
{
  const ChronomapExtractedEvent *e = p->event;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *decision = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *expander = gtk_expander_new_with_mnemonic (_("_Correct"));
  GtkWidget *grid = gtk_grid_new ();
  GtkStringList *types = gtk_string_list_new (NULL);
  GtkWidget *type_label;
  g_autofree char *markup = sentence_markup (p->article, e);
  g_autofree char *from = chronomap_date_format (e->date_start, e->precision);
  g_autofree char *to = chronomap_date_format (e->date_end, e->precision);
  g_autofree char *fatalities = e->fatalities >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, e->fatalities)
                                                   : NULL;
  guint type = find_type (e->sub_event_type);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  p->row = box;

  p->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (p->summary, 0);
  gtk_label_set_wrap (p->summary, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (p->summary), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (p->summary), "heading");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (p->summary));

  gtk_widget_add_css_class (decision, "linked");
  gtk_widget_set_valign (decision, GTK_ALIGN_CENTER);
  p->accept = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Accept")));
  p->reject = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Reject")));
  gtk_widget_set_name (GTK_WIDGET (p->accept), "accept");
  gtk_widget_set_name (GTK_WIDGET (p->reject), "reject");
  gtk_box_append (GTK_BOX (decision), GTK_WIDGET (p->accept));
  gtk_box_append (GTK_BOX (decision), GTK_WIDGET (p->reject));
  gtk_box_append (GTK_BOX (top), decision);
  g_signal_connect (p->accept, "toggled", G_CALLBACK (decision_toggled_cb), p);
  g_signal_connect (p->reject, "toggled", G_CALLBACK (decision_toggled_cb), p);
  gtk_box_append (GTK_BOX (box), top);

  p->quote = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_markup (p->quote, markup);
  gtk_label_set_wrap (p->quote, TRUE);
  gtk_label_set_wrap_mode (p->quote, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (p->quote, 0);
  gtk_label_set_selectable (p->quote, TRUE);
  gtk_widget_set_name (GTK_WIDGET (p->quote), "quote");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->quote));

  p->details = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (p->details, 0);
  gtk_label_set_wrap (p->details, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (p->details), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (p->details), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->details));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_top (grid, 6);
  self->updating = TRUE;
  p->from = add_editor (GTK_GRID (grid), 0, 0, _("_From"), from, _("YYYY-MM-DD, YYYY-MM or YYYY"), "from", p);
  p->to = add_editor (GTK_GRID (grid), 2, 0, _("_To"), g_strcmp0 (from, to) != 0 ? to : NULL,
                      _("Same as From"), "to", p);
  p->place = add_editor (GTK_GRID (grid), 0, 1, _("_Place"), e->location, _("Place name"), "place", p);
  p->fatalities = add_editor (GTK_GRID (grid), 2, 1, _("Fa_talities"), fatalities, _("Not stated"),
                              "fatalities", p);
  p->actor1 = add_editor (GTK_GRID (grid), 0, 2, _("Actor _1"), e->actor1, _("Acting side"), "actor1", p);
  p->actor2 = add_editor (GTK_GRID (grid), 2, 2, _("Actor _2"), e->actor2, _("Other side"), "actor2", p);

  for (guint i = 0; i < G_N_ELEMENTS (acled_types); i++)
    {
      g_autofree char *item = g_strdup_printf (_("%s › %s"), _(acled_types[i].event_type),
                                               _(acled_types[i].sub_event_type));

      gtk_string_list_append (types, item);
    }
  p->type = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (types), NULL));
  gtk_widget_set_name (GTK_WIDGET (p->type), "type");
  if (type != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (p->type, type);
  type_label = gtk_label_new_with_mnemonic (_("T_ype"));
  gtk_label_set_xalign (GTK_LABEL (type_label), 1);
  gtk_widget_add_css_class (type_label, "dim-label");
  gtk_label_set_mnemonic_widget (GTK_LABEL (type_label), GTK_WIDGET (p->type));
  gtk_grid_attach (GTK_GRID (grid), type_label, 0, 3, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (p->type), 1, 3, 3, 1);
  g_signal_connect (p->type, "notify::selected", G_CALLBACK (correction_changed_cb), p);
  self->updating = FALSE;

  gtk_expander_set_child (GTK_EXPANDER (expander), grid);
  gtk_widget_set_name (expander, "correct");
  gtk_box_append (GTK_BOX (box), expander);

  p->valid = TRUE;
  update_proposal_labels (p);
  return row;
}

static void
clear_proposals (ChronomapNewsDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->events_list))) != NULL)
    gtk_list_box_remove (self->events_list, child);
  g_ptr_array_set_size (self->proposals, 0);
  gtk_widget_set_visible (self->events_box, FALSE);
}

static void
set_busy (ChronomapNewsDialog *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  /* The articles read in the thread stay as they were sent. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->articles_list), !busy);
  update_actions (self);
}

static void
show_status (ChronomapNewsDialog *self,
             const char          *message,
             gboolean             error)
{
  gtk_label_set_label (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* Extraction, in a worker thread */

typedef struct
{
  char      *path;
  char      *display_name;
  gint32     published;
  char      *text;
  GPtrArray *events;
  GError    *error;
} ExtractJob;

static void
extract_job_free (ExtractJob *job)
{
  g_free (job->path);
  g_free (job->display_name);
  g_free (job->text);
  g_clear_pointer (&job->events, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
extract_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *jobs = task_data;
  g_autoptr(ChronomapExtractor) extractor = NULL;
  GError *error = NULL;

  extractor = chronomap_extractor_new_default (&error);
  if (extractor == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      ExtractJob *job = g_ptr_array_index (jobs, i);
      gsize length;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (!g_file_get_contents (job->path, &job->text, &length, &job->error))
        continue;
      if (!chronomap_extractor_check_text (job->text, length, &job->error))
        {
          g_clear_pointer (&job->text, g_free);
          continue;
        }
      job->events = chronomap_extractor_extract (extractor, job->text, length, job->published);
    }
  g_task_return_boolean (task, TRUE);
}

static void
extracted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ChronomapNewsDialog) self = user_data;
  GPtrArray *jobs = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n_found = 0;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_status (self, error->message, TRUE);
      return;
    }

  for (guint i = 0; i < jobs->len && i < self->articles->len; i++)
    {
      ExtractJob *job = g_ptr_array_index (jobs, i);
      Article *article = g_ptr_array_index (self->articles, i);
      g_autofree char *subtitle = NULL;

      g_clear_pointer (&article->text, g_free);
      article->text = g_steal_pointer (&job->text);
      article->published = job->published;
      if (job->error != NULL)
        {
          subtitle = g_strdup (job->error->message);
          /* Translators: an article that could not be read, "notes.txt: the file is empty" */
          g_string_append_printf (problems, _("%s: %s"), job->display_name, job->error->message);
          g_string_append_c (problems, '\n');
        }
      else if (job->events->len == 0)
        {
          subtitle = g_strdup (_("No events found"));
          g_string_append_printf (problems, _("No events found in %s"), job->display_name);
          g_string_append_c (problems, '\n');
        }
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event found", "%u events found",
                                                 job->events->len),
                                    job->events->len);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (article->row), article->display_name);
      adw_expander_row_set_subtitle (article->row, subtitle);
      /* Fold the articles that gave events away, to leave room for them. */
      adw_expander_row_set_expanded (article->row, job->error != NULL || job->events->len == 0);

      while (job->events != NULL && job->events->len > 0)
        {
          Proposal *p = g_new0 (Proposal, 1);

          p->self = self;
          p->article = article;
          p->event = g_ptr_array_steal_index (job->events, 0);
          g_ptr_array_add (self->proposals, p);
          gtk_list_box_append (self->events_list, build_proposal_row (self, p));
          n_found++;
        }
    }

  if (problems->len > 0)
    g_string_truncate (problems, problems->len - 1);
  show_status (self, problems->len > 0 ? problems->str : NULL, n_found == 0);
  gtk_widget_set_visible (self->events_box, n_found > 0);
  update_actions (self);
}

/* Saving, in a worker thread */

typedef struct
{
  char      *title;
  char      *url;
  char      *text;
  gint32     published;
  GPtrArray *events;
} SaveArticle;

typedef struct
{
  char      *path;
  gboolean   replace;
  char      *dataset_title;
  GPtrArray *articles;
  GFile     *file;
  guint      n_events;    /* saved, the first starting on first, the last ending on last */
  gint32     first;
  gint32     last;
} SaveJob;

static void
save_article_free (SaveArticle *article)
{
  g_free (article->title);
  g_free (article->url);
  g_free (article->text);
  g_ptr_array_unref (article->events);
  g_free (article);
}

static void
save_job_free (SaveJob *job)
{
  g_free (job->path);
  g_free (job->dataset_title);
  g_ptr_array_unref (job->articles);
  g_clear_object (&job->file);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(ChronomapDatabase) db = NULL;
  GError *error = NULL;

  /* The save dialog has asked before replacing an existing file. */
  if (job->replace && g_unlink (job->path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not replace %s: %s"), job->path, g_strerror (saved));
      return;
    }

  db = chronomap_database_open (job->path, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                &error);
  if (db == NULL || !chronomap_database_begin (db, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* A new file is named for what it holds, as the window's title shows. */
  if (job->replace && !chronomap_database_set_metadata (db, "title", job->dataset_title, &error))
    {
      chronomap_database_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < job->articles->len; i++)
    {
      SaveArticle *a = g_ptr_array_index (job->articles, i);

      if (!chronomap_extracted_events_write (db, a->events, a->title, a->url, a->published, a->text,
                                             "Chronomap’s news import, accepted by the analyst", NULL,
                                             &error))
        {
          chronomap_database_rollback (db);
          g_task_return_error (task, error);
          return;
        }
    }
  if (!chronomap_database_commit (db, &error))
    {
      chronomap_database_rollback (db);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ChronomapNewsDialog) self = user_data;
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: saving failed; the reason follows */
      message = g_strdup_printf (_("Nothing was saved: %s"), error->message);
      show_status (self, message, TRUE);
      return;
    }

  if (self->window != NULL)
    {
      g_autofree char *basename = g_file_get_basename (job->file);
      g_autofree char *text = NULL;

      if (job->replace)
        /* Translators: a toast once events from news articles were
         * saved in a new file: "Saved 3 events in “syria.sqlite”" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u event in “%s”", "Saved %u events in “%s”",
                                             job->n_events), job->n_events, basename);
      else
        /* Translators: a toast once events from news articles were
         * added to the open file: "Added 3 events to “syria.sqlite”" */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u event to “%s”", "Added %u events to “%s”",
                                             job->n_events), job->n_events, basename);

      /* the file again, showing the months of the events just added,
       * which the window it was at may well not */
      chronomap_window_open_showing (self->window, job->file,
                                     chronomap_date_period_start (job->first, CHRONOMAP_DATE_PRECISION_MONTH),
                                     chronomap_date_period_end (job->last, CHRONOMAP_DATE_PRECISION_MONTH),
                                     text);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static SaveArticle *
find_save_article (GPtrArray *articles,
                   Article   *article,
                   GPtrArray *sources)
{
  for (guint i = 0; i < sources->len; i++)
    if (g_ptr_array_index (sources, i) == article)
      return g_ptr_array_index (articles, i);
  return NULL;
}

static void
save (ChronomapNewsDialog *self,
      GFile               *file,
      gboolean             replace)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  SaveJob *job;

  job = g_new0 (SaveJob, 1);
  job->path = g_file_get_path (file);
  job->replace = replace;
  job->file = g_object_ref (file);
  job->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) save_article_free);
  if (job->path == NULL)
    {
      save_job_free (job);
      show_status (self, _("Only local files can be written"), TRUE);
      return;
    }

  for (guint i = 0; i < self->proposals->len; i++)
    {
      Proposal *p = g_ptr_array_index (self->proposals, i);
      ChronomapExtractedEvent *copy;
      SaveArticle *a;

      if (p->decision != DECISION_ACCEPTED || !p->valid)
        continue;
      a = find_save_article (job->articles, p->article, sources);
      if (a == NULL)
        {
          a = g_new0 (SaveArticle, 1);
          a->title = dup_text (p->article->title_entry);
          /* none given: the headline, else the file's name */
          if (a->title == NULL)
            a->title = chronomap_article_title (p->article->text, strlen (p->article->text),
                                                p->article->display_name);
          a->url = dup_text (p->article->url_entry);
          a->text = g_strdup (p->article->text);
          a->published = p->article->published;
          a->events = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_extracted_event_free);
          g_ptr_array_add (job->articles, a);
          g_ptr_array_add (sources, p->article);
        }
      if (job->n_events == 0 || p->event->date_start < job->first)
        job->first = p->event->date_start;
      if (job->n_events == 0 || MAX (p->event->date_end, p->event->date_start) > job->last)
        job->last = MAX (p->event->date_end, p->event->date_start);
      job->n_events++;
      copy = g_new0 (ChronomapExtractedEvent, 1);
      *copy = *p->event;
      copy->location = g_strdup (p->event->location);
      copy->place = p->event->place != NULL ? chronomap_gazetteer_entry_copy (p->event->place) : NULL;
      copy->event_type = g_strdup (p->event->event_type);
      copy->sub_event_type = g_strdup (p->event->sub_event_type);
      copy->actor1 = g_strdup (p->event->actor1);
      copy->actor2 = g_strdup (p->event->actor2);
      copy->quote = g_strdup (p->event->quote);
      g_ptr_array_add (a->events, copy);
    }

  if (job->articles->len == 1 && ((SaveArticle *) g_ptr_array_index (job->articles, 0))->title != NULL)
    job->dataset_title = g_strdup (((SaveArticle *) g_ptr_array_index (job->articles, 0))->title);
  else
    job->dataset_title = g_strdup (_("Events from news articles"));

  show_status (self, NULL, FALSE);
  set_busy (self, TRUE);
  /* the dialog is the callback's, not the task's: a worker may drop the
   * task last, and a window must not be finalised there */
  task = g_task_new (NULL, self->cancellable, saved_cb, g_object_ref (self));
  g_task_set_source_tag (task, save);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

/* Callbacks */

static void
published_changed_cb (GtkEditable *editable,
                      gpointer     user_data)
{
  ChronomapNewsDialog *self = user_data;
  gint32 day;

  set_error_style (editable, !parse_published (gtk_editable_get_text (editable), &day));
  /* the proposals were dated from the old date */
  if (self->proposals->len > 0)
    show_status (self, _("The publication date changed: Find Events again to date the events "
                         "from it."), FALSE);
  else if (articles_valid (self))
    show_status (self, NULL, FALSE);
  update_actions (self);
}

/* The calendar opens on the date typed, or today. */
static void
published_calendar_show_cb (GtkWidget *popover,
                            gpointer   user_data)
{
  GtkEditable *entry = user_data;
  gint32 day;

  if (!parse_published (gtk_editable_get_text (entry), &day))
    day = CHRONOMAP_DAY_INVALID;
  chronomap_date_popover_show_day (CHRONOMAP_DATE_POPOVER (popover), day);
}

static void
published_day_chosen_cb (ChronomapDatePopover *popover,
                         int                   day,
                         gpointer              user_data)
{
  GtkEditable *entry = user_data;
  int year, month, mday;
  char text[16];

  chronomap_date_to_ymd (day, &year, &month, &mday);
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", year, month, mday);
  gtk_editable_set_text (entry, text);
}

static void
remove_article_clicked_cb (GtkButton *button,
                           gpointer   user_data)
{
  ChronomapNewsDialog *self = user_data;
  Article *article = g_object_get_data (G_OBJECT (button), "article");
  guint index;

  if (self->busy || !g_ptr_array_find (self->articles, article, &index))
    return;
  /* Proposals point into the articles: the list is found again. */
  if (self->proposals->len > 0)
    {
      clear_proposals (self);
      show_status (self, _("Find the events again to review the remaining articles"), FALSE);
    }
  gtk_list_box_remove (self->articles_list, GTK_WIDGET (article->row));
  g_ptr_array_remove_index (self->articles, index);
  update_actions (self);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  ChronomapNewsDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      save (self, file, TRUE);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_new_database (ChronomapNewsDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save Events in a New Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("news-events.sqlite"));
  /* beside the first article, not wherever the app was started */
  {
    Article *first = self->articles->len > 0 ? g_ptr_array_index (self->articles, 0) : NULL;
    g_autofree char *path = first != NULL && first->file != NULL ? g_file_get_path (first->file) : NULL;
    g_autofree char *dir = chronomap_paths_save_folder (path, G_USER_DIRECTORY_DOCUMENTS);
    g_autoptr(GFile) folder = g_file_new_for_path (dir);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
target_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  ChronomapNewsDialog *self = user_data;

  if (g_strcmp0 (response, "new") == 0)
    choose_new_database (self);
  else if (g_strcmp0 (response, "open") == 0 && self->window != NULL &&
           chronomap_window_get_file (self->window) != NULL)
    save (self, chronomap_window_get_file (self->window), FALSE);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChronomapNewsDialog *self = CHRONOMAP_NEWS_DIALOG (widget);
  GFile *open_file = self->window != NULL ? chronomap_window_get_file (self->window) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *read_only = open_file != NULL ?
                               chronomap_window_get_read_only_reason (self->window) : NULL;
  GtkWidget *dialog;
  gboolean all_valid;
  guint n = count_accepted (self, &all_valid);

  /* no choice to make when the open file can't take them (the sample) */
  if (open_file == NULL || read_only != NULL)
    {
      choose_new_database (self);
      return;
    }

  /* Writing into the file being viewed is never the default: the analyst
   * picks it by name. */
  name = g_file_get_basename (open_file);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Where Should the Events Go?"), NULL);
  {
    g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Save the %u accepted event in a new event database, or add it to the open file “%s”.",
                                                          "Save the %u accepted events in a new event database, or add them to the open file “%s”.",
                                                          n),
                                             n, name);
    guint left = 0;

    /* what is not accepted is not saved: said before, not found out after */
    for (guint i = 0; i < self->proposals->len; i++)
      if (((Proposal *) g_ptr_array_index (self->proposals, i))->decision != DECISION_ACCEPTED)
        left++;
    if (left > 0)
      {
        g_autofree char *rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "The %u other proposed event is left out.",
                                                              "The %u other proposed events are left out.",
                                                              left),
                                                 left);
        char *both = g_strconcat (body, " ", rest, NULL);

        g_free (body);
        body = both;
      }
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("Add to _Open File"),
                                    "new", _("_New Database…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "new");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (target_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
choose_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  ChronomapNewsDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          chronomap_news_dialog_add_article (self, file);
        }
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ChronomapNewsDialog *self = CHRONOMAP_NEWS_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose News Articles"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Plain-text articles"));
  gtk_file_filter_add_mime_type (filter, "text/plain");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (choose_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
find_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  chronomap_news_dialog_find_events (CHRONOMAP_NEWS_DIALOG (widget));
}

static void
accept_all_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronomapNewsDialog *self = CHRONOMAP_NEWS_DIALOG (widget);

  for (guint i = 0; i < self->proposals->len; i++)
    {
      Proposal *p = g_ptr_array_index (self->proposals, i);

      if (p->decision == DECISION_UNDECIDED)
        set_decision (p, DECISION_ACCEPTED);
    }
}

/* GObject */

static void
chronomap_news_dialog_dispose (GObject *object)
{
  ChronomapNewsDialog *self = CHRONOMAP_NEWS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONOMAP_TYPE_NEWS_DIALOG);

  G_OBJECT_CLASS (chronomap_news_dialog_parent_class)->dispose (object);
}

static void
chronomap_news_dialog_finalize (GObject *object)
{
  ChronomapNewsDialog *self = CHRONOMAP_NEWS_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_clear_pointer (&self->articles, g_ptr_array_unref);

  G_OBJECT_CLASS (chronomap_news_dialog_parent_class)->finalize (object);
}

static void
discard_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     ChronomapNewsDialog *self)
{
  if (g_strcmp0 (response, "close") != 0)
    return;
  self->discard = TRUE;
  chronomap_close_when_asked (GTK_WINDOW (self));
}

/* Events the analyst accepted one by one are work: closing asks before
 * it throws them away. */
static gboolean
chronomap_news_dialog_close_request (GtkWindow *window)
{
  ChronomapNewsDialog *self = CHRONOMAP_NEWS_DIALOG (window);
  gboolean all_valid;
  guint n = count_accepted (self, &all_valid);

  if (!self->discard && n > 0)
    {
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u accepted event is not added to the file yet.",
                                                            "%u accepted events are not added to the file yet.",
                                                            n), n);

      chronomap_ask_before_closing (window, _("Discard the Accepted Events?"), body, _("_Discard"),
                                    G_CALLBACK (discard_response_cb), self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (chronomap_news_dialog_parent_class)->close_request (window);
}

static void
chronomap_news_dialog_class_init (ChronomapNewsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronomap_news_dialog_dispose;
  object_class->finalize = chronomap_news_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = chronomap_news_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronomap/Chronomap/chronomap-news-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronomapNewsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronomapNewsDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, ChronomapNewsDialog, articles_list);
  gtk_widget_class_bind_template_child (widget_class, ChronomapNewsDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ChronomapNewsDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChronomapNewsDialog, events_box);
  gtk_widget_class_bind_template_child (widget_class, ChronomapNewsDialog, events_title);
  gtk_widget_class_bind_template_child (widget_class, ChronomapNewsDialog, legend_label);
  gtk_widget_class_bind_template_child (widget_class, ChronomapNewsDialog, events_list);

  gtk_widget_class_install_action (widget_class, "news.choose", NULL, choose_action_cb);
  gtk_widget_class_install_action (widget_class, "news.find", NULL, find_action_cb);
  gtk_widget_class_install_action (widget_class, "news.accept-all", NULL, accept_all_action_cb);
  gtk_widget_class_install_action (widget_class, "news.add", NULL, add_action_cb);
}

static void
chronomap_news_dialog_init (ChronomapNewsDialog *self)
{
  g_autofree char *legend = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->articles = g_ptr_array_new_with_free_func ((GDestroyNotify) article_free);
  self->proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) proposal_free);

  /* Translators: before the legend of the highlights in a sentence */
  legend = g_strconcat (_("In each sentence:"), "  ", PLACE_SPAN, _("place"), "</span>  ",
                        DATE_SPAN, _("date"), "</span>  ", ACTOR_SPAN, _("actor"), "</span>  ",
                        TRIGGER_SPAN, _("what happened"), "</span>", NULL);
  gtk_label_set_markup (self->legend_label, legend);
  update_actions (self);
}

/* Public API */

/**
 * chronomap_news_dialog_new:
 * @window: the window the events will be shown in
 *
 * Returns: (transfer floating): a dialog, modal to @window
 */
ChronomapNewsDialog *
chronomap_news_dialog_new (ChronomapWindow *window)
{
  ChronomapNewsDialog *self;

  g_return_val_if_fail (CHRONOMAP_IS_WINDOW (window), NULL);

  self = g_object_new (CHRONOMAP_TYPE_NEWS_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  return self;
}

/**
 * chronomap_news_dialog_add_article:
 * @file: a plain-text article
 *
 * Adds @file to the articles.  Its publication date is the one its
 * dateline states ("BEIRUT, March 24, 2019 (Reuters) –"), or else left
 * for the analyst to give: a guess (today, the file's date) would date
 * "on Tuesday" and "in June" wrongly without a word.
 */
void
chronomap_news_dialog_add_article (ChronomapNewsDialog *self,
                                   GFile               *file)
{
  Article *article;
  GtkWidget *entry;
  GtkWidget *remove;

  g_return_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  article = g_new0 (Article, 1);
  article->file = g_object_ref (file);
  article->display_name = g_file_get_basename (file);
  article->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (article->row), article->display_name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (article->row), FALSE);
  adw_expander_row_set_expanded (article->row, TRUE);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Article"));
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data (G_OBJECT (remove), "article", article);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_article_clicked_cb), self, 0);
  adw_expander_row_add_action (article->row, remove);

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Published (YYYY-MM-DD)"));
  g_signal_connect_object (entry, "changed", G_CALLBACK (published_changed_cb), self, 0);
  adw_expander_row_add_row (article->row, entry);
  article->published_entry = GTK_EDITABLE (entry);
  {
    GtkWidget *button = gtk_menu_button_new ();
    GtkWidget *popover = chronomap_date_popover_new ();

    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
    gtk_widget_set_tooltip_text (button, _("Choose a Date"));
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (button, "flat");
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
    g_signal_connect (popover, "show", G_CALLBACK (published_calendar_show_cb), entry);
    g_signal_connect (popover, "day-chosen", G_CALLBACK (published_day_chosen_cb), entry);
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), button);
    article->published_calendar = GTK_POPOVER (popover);
  }

  /* the dateline, in the first lines */
  {
    g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
    char head[1024];
    gsize n = 0;
    gint32 day;

    if (stream != NULL &&
        g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, NULL) &&
        chronomap_dateline_day (head, n, &day))
      {
        g_autofree char *text = chronomap_date_format (day, CHRONOMAP_DATE_PRECISION_DAY);

        gtk_editable_set_text (article->published_entry, text);
      }
  }

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Source Title (optional)"));
  adw_expander_row_add_row (article->row, entry);
  article->title_entry = GTK_EDITABLE (entry);

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("URL (optional)"));
  adw_expander_row_add_row (article->row, entry);
  article->url_entry = GTK_EDITABLE (entry);

  g_ptr_array_add (self->articles, article);
  gtk_list_box_append (self->articles_list, GTK_WIDGET (article->row));
  show_status (self, _("Give each article’s publication date: “on Tuesday” and “last night” "
                       "count from it."), FALSE);
  update_actions (self);
}

/**
 * chronomap_news_dialog_get_date_popover:
 * @index: which article, in the order added
 *
 * Returns: (transfer none): the calendar beside the article's publication
 *   date
 */
ChronomapDatePopover *
chronomap_news_dialog_get_date_popover (ChronomapNewsDialog *self,
                                        guint                index)
{
  g_return_val_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->articles->len, NULL);

  return CHRONOMAP_DATE_POPOVER (((Article *) g_ptr_array_index (self->articles, index))
                                 ->published_calendar);
}

/**
 * chronomap_news_dialog_set_article_details:
 * @index: which article, in the order added
 * @published: (nullable): the publication date, YYYY-MM-DD
 * @title: (nullable): the source's title
 * @url: (nullable): where it was published
 *
 * Fills in an article's fields as the analyst would.
 */
void
chronomap_news_dialog_set_article_details (ChronomapNewsDialog *self,
                                           guint                index,
                                           const char          *published,
                                           const char          *title,
                                           const char          *url)
{
  Article *article;

  g_return_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self));
  g_return_if_fail (index < self->articles->len);

  article = g_ptr_array_index (self->articles, index);
  if (published != NULL)
    gtk_editable_set_text (article->published_entry, published);
  if (title != NULL)
    gtk_editable_set_text (article->title_entry, title);
  if (url != NULL)
    gtk_editable_set_text (article->url_entry, url);
}

/**
 * chronomap_news_dialog_find_events:
 *
 * Extracts the events of every article in the background, replacing the
 * proposals shown.
 */
void
chronomap_news_dialog_find_events (ChronomapNewsDialog *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *jobs;

  g_return_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self));

  if (self->busy || !articles_valid (self))
    return;

  jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) extract_job_free);
  for (guint i = 0; i < self->articles->len; i++)
    {
      Article *article = g_ptr_array_index (self->articles, i);
      ExtractJob *job = g_new0 (ExtractJob, 1);

      job->path = g_file_get_path (article->file);
      job->display_name = g_strdup (article->display_name);
      parse_published (gtk_editable_get_text (article->published_entry), &job->published);
      if (job->path == NULL)
        job->path = g_strdup ("");
      g_ptr_array_add (jobs, job);
    }

  clear_proposals (self);
  show_status (self, _("Reading the articles…"), FALSE);
  set_busy (self, TRUE);
  /* the dialog is the callback's (see chronomap_news_dialog_save_to()) */
  task = g_task_new (NULL, self->cancellable, extracted_cb, g_object_ref (self));
  g_task_set_source_tag (task, chronomap_news_dialog_find_events);
  g_task_set_task_data (task, jobs, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, extract_thread);
}

gboolean
chronomap_news_dialog_get_busy (ChronomapNewsDialog *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self), FALSE);

  return self->busy;
}

guint
chronomap_news_dialog_get_n_proposed (ChronomapNewsDialog *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self), 0);

  return self->proposals->len;
}

static Proposal *
get_proposal (ChronomapNewsDialog *self,
              guint                index)
{
  g_assert (index < self->proposals->len);

  return g_ptr_array_index (self->proposals, index);
}

const char *
chronomap_news_dialog_get_quote (ChronomapNewsDialog *self,
                                 guint                index)
{
  g_return_val_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->proposals->len, NULL);

  return get_proposal (self, index)->event->quote;
}

/**
 * chronomap_news_dialog_get_date:
 *
 * Returns: (transfer full): the proposal's first day, YYYY-MM-DD
 */
char *
chronomap_news_dialog_get_date (ChronomapNewsDialog *self,
                                guint                index)
{
  g_return_val_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->proposals->len, NULL);

  return chronomap_date_format (get_proposal (self, index)->event->date_start,
                                CHRONOMAP_DATE_PRECISION_DAY);
}

const char *
chronomap_news_dialog_get_location (ChronomapNewsDialog *self,
                                    guint                index)
{
  g_return_val_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->proposals->len, NULL);

  return get_proposal (self, index)->event->location;
}

const char *
chronomap_news_dialog_get_sub_event_type (ChronomapNewsDialog *self,
                                          guint                index)
{
  g_return_val_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->proposals->len, NULL);

  return get_proposal (self, index)->event->sub_event_type;
}

/**
 * chronomap_news_dialog_get_event_row:
 *
 * Returns: (transfer none): the box showing a proposal, whose editors are
 *   named "accept", "reject", "correct" (the expander holding the
 *   editors, which are only in the tree while it is expanded), "from", "to", "place", "fatalities",
 *   "actor1", "actor2" and "type"
 */
GtkWidget *
chronomap_news_dialog_get_event_row (ChronomapNewsDialog *self,
                                     guint                index)
{
  g_return_val_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self), NULL);
  g_return_val_if_fail (index < self->proposals->len, NULL);

  return get_proposal (self, index)->row;
}

guint
chronomap_news_dialog_get_n_accepted (ChronomapNewsDialog *self)
{
  gboolean all_valid;

  g_return_val_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self), 0);

  return count_accepted (self, &all_valid);
}

/**
 * chronomap_news_dialog_save_to:
 * @file: the event database to write
 * @replace: whether to replace @file (a new database) or add to it
 *
 * Writes the accepted events as "Add N Events" does once the target is
 * chosen, then opens @file in the window and closes the dialog.
 */
void
chronomap_news_dialog_save_to (ChronomapNewsDialog *self,
                               GFile               *file,
                               gboolean             replace)
{
  g_return_if_fail (CHRONOMAP_IS_NEWS_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  save (self, file, replace);
}
