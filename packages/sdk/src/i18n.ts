/** A label users see: Dutch first, French and English follow. */
export interface LocalizedText {
  nl: string;
  fr?: string;
  en?: string;
}
