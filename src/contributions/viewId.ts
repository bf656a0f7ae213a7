/** The Messages view's id, as package.json contributes it. Its own module: the activation entry needs it without the view's code. */
export const VIEW_ID = 'scrapehub.messages';
