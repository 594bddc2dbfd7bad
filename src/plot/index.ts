/** Plot engine: house style, offline HTML, Chromium export (PNG/SVG), notebook display, report. */
export type { PlotlyFigure, FigureDef } from "../core/figure";
export {
  FONT_FAMILY,
  FIGURE_WIDTH,
  FIGURE_HEIGHT,
  METHOD_STYLE,
  PALETTE,
  categoricalColor,
  sequentialColor,
  lineTrace,
  axis,
  styleFigure,
} from "./style";
export type { Method, MethodStyle, LineTraceOptions, AxisOptions, StyleOptions, LegendPosition, PaperSize } from "./style";
export { PAPER_SIZES } from "./style";
export { fontFaceCss, embedFontInSvg } from "./font";
export { escapeHtml, figureHtml, plotlyScriptTag, plotlyPath } from "./html";
export { notebookFigureHtml, plotlyLoaderScript } from "./notebookHtml";
export type { NotebookFigureHtmlOptions } from "./notebookHtml";
export type { FigureHtmlOptions } from "./html";
export { findChromium, FigureRenderer, exportFigure, exportFigures, writeFigureFiles, validateFigureId, CHROMIUM_HINT, IMAGE_FORMATS } from "./export";
export type { ImageOptions, RendererOptions, ExportedFiles, FigureExport, ExportFiguresOptions, ExportFormats } from "./export";
export { show, showTable, showMarkdown, displayBundle, inNotebook, closeRenderer, tableHtml, tableText, enableInteractiveFigures } from "./notebook";
export type { ShowOptions, MimeBundle } from "./notebook";
export { writeReport, reportHtml, formatNumber, formatValue } from "./report";
export type { ReportOptions, ReportFigure } from "./report";
