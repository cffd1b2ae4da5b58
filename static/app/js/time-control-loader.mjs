// What Streamlit gets as the time control's code (st.components.v2, app_pages/time_control.py):
// it imports the real module, static/app/js/time-control.mjs, from the app's static files.
// Streamlit sends a component's inline code with every element it draws, and the page draws the
// control on every settled date; this loader is a few lines, the module is cached by the
// browser and imported once per page, and ``data.module`` names its versioned URL.
export default async function (component) {
  const page = component.parentElement.ownerDocument.location.href;
  const module = await import(new URL(component.data.module, page).href);
  return module.default(component);
}
