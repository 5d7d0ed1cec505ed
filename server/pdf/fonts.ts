/**
 * The fonts PDFs embed: Be Vietnam Pro (SIL OFL 1.1), a typeface made for Vietnamese, from its npm package,
 * never from the system, so a document looks the same on every server. Its TrueType files cover every
 * precomposed Vietnamese letter (ệ, ữ, ỳ, Đ…); PDFKit embeds only the glyphs a document uses.
 */
export type FontName = 'regular' | 'bold' | 'italic' | 'semibold';

const FILES: Record<FontName, string> = {
  regular: '400Regular/BeVietnamPro_400Regular.ttf',
  semibold: '600SemiBold/BeVietnamPro_600SemiBold.ttf',
  bold: '700Bold/BeVietnamPro_700Bold.ttf',
  italic: '400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf',
};

/** Absolute path of a font's TTF file inside node_modules. */
export function fontFile(name: FontName): string {
  return require.resolve(`@expo-google-fonts/be-vietnam-pro/${FILES[name]}`);
}

export const FONT_NAMES = Object.keys(FILES) as FontName[];
